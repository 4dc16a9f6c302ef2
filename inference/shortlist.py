"""From retrieval's candidates to the shortlist the prompt shows and the grammar allows.

A workflow needs something to watch and something to act on, and retrieval ranks both kinds of node
together: a request naming three lights would leave no room for the door sensor that should trigger
them. So the shortlist keeps the best nodes that can act and, separately, the best that can only be
watched, each kind with its own quota. When the request names nothing that can act, the shortlist
has no actor: the workflow then waits and checks as asked and leaves its `do` to the user, rather
than call whatever node happens to look a little like the request.
"""

from __future__ import annotations

from wfl.grammar.index import EnvIndex

from .clauses import split_clauses, watch_parts
from .constrain import Shortlist, Shortlisted, can_call, request_values
from .groups import CommandGroup
from .lexical import tokens
from .prompt import MAX_ACTIONS, MAX_PROPERTIES
from .retrieval import NAMED_PERSON_SHARE, Candidate, RetrievalIndex, household_checked, measures, node_places, stated_quantities, take_commands_verbs
from .verbs import verb_scores

MAX_ACTORS = 4
MAX_WATCHED = 3


def shortlist(
    candidates: list[Candidate],
    request: str,
    search: RetrievalIndex,
    group: tuple[str, ...] = (),
    command_groups: dict[int, CommandGroup] | None = None,
) -> Shortlist:
    """The nodes the prompt shows; `group`'s members (`groups.py`), the nodes of the request's
    commands and the members of the sets single commands act on (`groups.command_groups`) always
    among them."""
    index = search.index
    values = request_values(request)
    # A node is an actor only if the request lets it do something: a text field without a text
    # to set would take a place and offer no call.
    actors = sorted(
        (c for c in candidates if c.named and c.actions and can_call(c.node, index, values)), key=lambda c: -c.score
    )[:MAX_ACTORS]
    chosen_actors = {c.node for c in actors}
    watched = sorted(
        (c for c in candidates if c.node not in chosen_actors), key=lambda c: (-c.watch_score, -c.score)
    )[:MAX_WATCHED]
    chosen = sorted(actors + watched, key=lambda c: -c.score)
    present = {c.node for c in chosen}
    by_node = {c.node: c for c in candidates}

    def include(node: str) -> None:
        """Shortlist the node, as a member retrieval did not rank when it is none of its candidates."""
        if node not in present:
            if node not in by_node:
                by_node[node] = _member(node, request, search)
            chosen.append(by_node[node])
            present.add(node)

    for member in group:
        include(member)
    commanded = sorted((c for c in candidates if c.command is not None), key=lambda c: c.command or 0)
    for c in commanded:
        include(c.node)
    by_command = {c.command: c.node for c in commanded if c.command is not None}
    members_of: dict[str, tuple[str, ...]] = {}
    for i, group_of_command in (command_groups or {}).items():
        members = group_of_command.members
        # The set stands for its command: keyed by the command's own node when it is one of them,
        # which takes the actions that command's verbs ask for, as a commanded node does.
        key = by_command.get(i)
        key = key if key in members else members[0]
        by_command[i] = key
        members_of[key] = members
        for member in members:
            include(member)
        take_commands_verbs(by_node[key], group_of_command.command, search)
    for key in by_command.values():
        # "Turn off the desk lamp and the hallway light, and close the blinds": what a command
        # names besides its node is called with it, as a set of that command.
        named_with = [c.node for c in candidates if c.named_with == key and c.command is None and c.node != key]
        if key not in members_of and named_with:
            members_of[key] = (key, *named_with)
            for member in named_with:
                include(member)
    in_order = tuple(by_command[i] for i in sorted(by_command))
    commands = in_order if len(in_order) > 1 else ()
    command_order = tuple(sorted(by_command)) if commands else ()
    if not commands and not group and len(members_of) == 1:
        # "Turns off all lights and sets heating to Eco": when the other commands name no node,
        # the one set is the request's set.
        group = next(iter(members_of.values()))
    named_apart = [c.node for c in actors[1:] if c.also_named]
    if not commands and not group and len(named_apart) > 1:
        # "the bed light, the computer light and the bathroom light": each named is called, one
        # block, as a set is (one after the other, the plan would end after two).
        group = (actors[0].node, *named_apart)
    later = _checked_later(request, search)
    # The best named of what must hold when the event happens is shortlisted, however much
    # better the event's own nodes are watched ("the front door opens | while away mode is on").
    checked = sorted((c for c in candidates if c.node in later and c.node not in present), key=lambda c: -c.watch_score)
    if checked and not any(c.node in later for c in chosen):
        include(checked[0].node)
    named_in_state = search.lexical.matches(watch_parts(split_clauses(request).watch)[1]) if checked else {}
    for c in checked:
        # "… while Anna is out": a person the state names is checked, whatever else its words name.
        if index.nodes[c.node].kind == "person" and c.node in named_in_state and named_in_state[c.node].coverage >= NAMED_PERSON_SHARE:
            include(c.node)
    return Shortlist(
        nodes=[_item(c, index, c.node in later) for c in chosen],
        group=group,
        commands=commands,
        command_order=command_order,
        command_members={key: members for key, members in members_of.items() if key in commands},
    )


OTHER_WORDS_COVERAGE = 0.3
"""How much of a node's name the state must say, by words the event does not say of it and not
only its place, for the node to be what is checked ("the office co2 … | and the window is closed":
the office window)."""


def _checked_later(request: str, search: RetrievalIndex) -> set[str]:
    """The nodes named by what must hold when the request's event happens: by the state, and by
    the event only with fewer or other words ("motion in the garage | and the garage light is
    off", "the office co2 … | and the window is closed") or by none of its name ("Anna leaves | and Ben is not home": "leaves" is said of every
    person); and the household when that is who must be in or away."""
    clauses = split_clauses(request)
    event, state = watch_parts(clauses.watch)
    in_state = search.watch_lexical.matches(state) if state else {}
    in_event = search.watch_lexical.matches(event) if state else {}
    later = {
        n for n, m in in_state.items()
        if n not in in_event
        or in_event[n].said < m.said
        or (in_event[n].coverage == 0 < m.coverage)
        or (
            m.coverage >= OTHER_WORDS_COVERAGE
            and not m.said & in_event[n].said
            and m.said - frozenset(tokens(" ".join(node_places(search.index.nodes[n]))))
        )
    }
    if (household := household_checked(clauses, search)) is not None:
        later.add(household)  # "… and nobody is home": checked then
    if state and (quantities := stated_quantities(state) - {"percent"}) - stated_quantities(event):
        # "… and it's darker than 30 lux": what measures the state's quantity is checked.
        later |= {n for n, node in search.index.nodes.items() if quantities & measures(node)}
    return later


def _member(node_id: str, request: str, search: RetrievalIndex) -> Candidate:
    """A group member retrieval did not rank: its actions in the order the request's verbs ask."""
    node = search.index.nodes[node_id]
    asked = verb_scores(request, node.actions)
    actions = sorted(node.actions, key=lambda name: -asked[name])
    return Candidate(
        node=node_id, score=0.0, properties=list(node.properties), actions=actions,
        action_scores=[asked[a] for a in actions],
    )


def everything(index: EnvIndex) -> Shortlist:
    """The whole environment (the full-context baseline)."""
    return Shortlist(
        nodes=[
            Shortlisted(
                node=node.id,
                properties=tuple(list(node.properties)[:MAX_PROPERTIES]),
                actions=tuple(list(node.actions)[:MAX_ACTIONS]),
                events=tuple(node.events),
            )
            for node in index.nodes.values()
        ]
    )


def _item(candidate: Candidate, index: EnvIndex, watched_later: bool = False) -> Shortlisted:
    node = index.nodes[candidate.node]
    return Shortlisted(
        node=candidate.node,
        properties=tuple(candidate.properties[:MAX_PROPERTIES]),
        actions=tuple(candidate.actions[:MAX_ACTIONS]) if candidate.named else (),
        events=tuple(node.events),
        score=candidate.score,
        watch_score=candidate.watch_score,
        also_named=candidate.also_named,
        action_scores=tuple(candidate.action_scores[:MAX_ACTIONS]) if candidate.named else (),
        named=candidate.named,
        watched_later=watched_later,
        level_elsewhere=candidate.level_elsewhere,
        own_levels=candidate.own_levels,
        own_words=candidate.own_words,
    )
