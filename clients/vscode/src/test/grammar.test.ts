import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';

import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '..', '..');
const grammarPath = join(root, 'syntaxes', 'wfl.tmLanguage.json');
let grammar: textmate.IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'source.wfl' ? textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const loaded = await registry.loadGrammar('source.wfl');
  assert.ok(loaded, 'the grammar loads');
  grammar = loaded;
});

/** Every token of a line as [text, innermost scope]. */
function tokens(line: string): Array<[string, string]> {
  const result = grammar.tokenizeLine(line, textmate.INITIAL);
  return result.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]]);
}

/** The innermost scope of the token that is exactly `text` (the n-th such token). */
function scopeOf(line: string, text: string, nth = 0): string {
  const found = tokens(line).filter(([t]) => t === text);
  assert.ok(found.length > nth, `no token ${JSON.stringify(text)} in ${JSON.stringify(line)}: ${JSON.stringify(tokens(line))}`);
  return found[nth][1];
}

test('the grammar is valid JSON and every regex compiles', () => {
  const raw = JSON.parse(readFileSync(grammarPath, 'utf8'));
  assert.equal(raw.scopeName, 'source.wfl');
  const regexes: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if ((key === 'match' || key === 'begin' || key === 'end') && typeof v === 'string') {
          regexes.push(v);
        } else {
          walk(v);
        }
      }
    }
  };
  walk(raw);
  assert.ok(regexes.length > 20, `found ${regexes.length} regexes`);
  for (const re of regexes) {
    assert.doesNotThrow(() => new oniguruma.OnigScanner([re]).dispose(), `regex does not compile: ${re}`);
  }
  // Every `include` names a repository entry.
  const includes = JSON.stringify(raw).match(/"include":"#([^"]+)"/g) ?? [];
  for (const inc of includes) {
    const name = inc.slice('"include":"#'.length, -1);
    assert.ok(raw.repository[name], `missing repository entry ${name}`);
  }
});

test('workflow header and comments', () => {
  const line = 'workflow steamy_bathroom "Clear the steam" { # after a shower';
  assert.equal(scopeOf(line, 'workflow'), 'keyword.other.workflow.wfl');
  assert.equal(scopeOf(line, 'steamy_bathroom'), 'entity.name.function.workflow.wfl');
  assert.equal(scopeOf(line, 'Clear the steam'), 'string.quoted.double.wfl');
  assert.equal(scopeOf(line, '{'), 'punctuation.section.block.begin.wfl');
  assert.equal(scopeOf(line, ' after a shower'), 'comment.line.number-sign.wfl');
  assert.equal(scopeOf('# just a comment with when and 25 °C', '#'), 'punctuation.definition.comment.wfl');
});

test('triggers: references, numbers with units, durations', () => {
  const line = '  when bathroom_humidity.humidity > 70 % for 3 min';
  assert.equal(scopeOf(line, 'when'), 'keyword.control.trigger.wfl');
  assert.equal(scopeOf(line, 'bathroom_humidity'), 'variable.other.object.node.wfl');
  assert.equal(scopeOf(line, '.'), 'punctuation.accessor.wfl');
  assert.equal(scopeOf(line, 'humidity'), 'variable.other.property.wfl');
  assert.equal(scopeOf(line, '>'), 'keyword.operator.comparison.wfl');
  assert.equal(scopeOf(line, '70'), 'constant.numeric.wfl');
  assert.equal(scopeOf(line, '%'), 'keyword.other.unit.wfl');
  assert.equal(scopeOf(line, 'for'), 'keyword.control.trigger.wfl');
  assert.equal(scopeOf(line, '3 min'), 'constant.numeric.duration.wfl');
});

test('units: degrees, compound units, and a unit is never a keyword or a reference', () => {
  const line = '  if grid.price < 0.4 EUR/kWh or outdoor.temperature > 25 °C';
  assert.equal(scopeOf(line, 'if'), 'keyword.control.conditional.wfl');
  assert.equal(scopeOf(line, '0.4'), 'constant.numeric.wfl');
  assert.equal(scopeOf(line, 'EUR/kWh'), 'keyword.other.unit.wfl');
  assert.equal(scopeOf(line, 'or'), 'keyword.operator.logical.wfl');
  assert.equal(scopeOf(line, '°C'), 'keyword.other.unit.wfl');
  const notUnit = '  if x.level > 5 and y.on == true';
  assert.equal(scopeOf(notUnit, 'and'), 'keyword.operator.logical.wfl');
  assert.equal(scopeOf(notUnit, 'true'), 'constant.language.boolean.wfl');
  const refAfterNumber = '  if 5 kitchen.level';
  assert.equal(scopeOf(refAfterNumber, 'kitchen'), 'variable.other.object.node.wfl');
});

test('times, days and the sun', () => {
  const line = '  at 06:15 on weekdays or at sunset - 30 min';
  assert.equal(scopeOf(line, 'at'), 'keyword.control.trigger.wfl');
  assert.equal(scopeOf(line, '06:15'), 'constant.numeric.time.wfl');
  assert.equal(scopeOf(line, 'on'), 'keyword.control.trigger.wfl');
  assert.equal(scopeOf(line, 'weekdays'), 'constant.language.day.wfl');
  assert.equal(scopeOf(line, 'sunset'), 'constant.language.sun.wfl');
  assert.equal(scopeOf(line, '-'), 'keyword.operator.arithmetic.wfl');
  assert.equal(scopeOf(line, '30 min'), 'constant.numeric.duration.wfl');
  // `sun` the node is a reference, not a day.
  assert.equal(scopeOf('  if sun.state == below_horizon', 'sun'), 'variable.other.object.node.wfl');
  assert.equal(scopeOf('  every 1 h 30 min', '1 h 30 min'), 'constant.numeric.duration.wfl');
});

test('actions: calls, named arguments, wait, else', () => {
  const line = '  do living_room_light.turn_on(brightness_pct: 70 %, transition: 30 s); wait 2 min';
  assert.equal(scopeOf(line, 'do'), 'keyword.control.action.wfl');
  assert.equal(scopeOf(line, 'living_room_light'), 'variable.other.object.node.wfl');
  assert.equal(scopeOf(line, 'turn_on'), 'entity.name.function.action.wfl');
  assert.equal(scopeOf(line, '('), 'punctuation.section.parens.begin.wfl');
  assert.equal(scopeOf(line, 'brightness_pct'), 'variable.parameter.wfl');
  assert.equal(scopeOf(line, ':'), 'punctuation.separator.key-value.wfl');
  assert.equal(scopeOf(line, '30 s'), 'constant.numeric.duration.wfl');
  assert.equal(scopeOf(line, ';'), 'punctuation.terminator.statement.wfl');
  assert.equal(scopeOf(line, 'wait'), 'keyword.control.action.wfl');
  assert.equal(scopeOf('  else car.stop_charging()', 'else'), 'keyword.control.conditional.wfl');
  assert.equal(scopeOf('  on hallway_switch.double_press', 'double_press'), 'variable.other.property.wfl');
});

test('strings with escapes; an unterminated string ends at the line end', () => {
  const line = '  do tts.say(message: "say \\"hi\\"") # done';
  assert.equal(scopeOf(line, '\\"'), 'constant.character.escape.wfl');
  assert.equal(scopeOf(line, ' done'), 'comment.line.number-sign.wfl');
  const lines = ['  do tts.say(message: "oops', '  wait 1 min'];
  let state = textmate.INITIAL;
  const first = grammar.tokenizeLine(lines[0], state);
  state = first.ruleStack;
  const second = grammar.tokenizeLine(lines[1], state);
  const waitToken = second.tokens.find((t) => lines[1].slice(t.startIndex, t.endIndex) === 'wait');
  assert.ok(waitToken);
  assert.equal(waitToken.scopes[waitToken.scopes.length - 1], 'keyword.control.action.wfl');
});

test('comparison operators; a single = is marked invalid', () => {
  const line = '  if a.b == on and c.d != off and e.f >= 1 and g.h <= 2';
  assert.equal(scopeOf(line, '=='), 'keyword.operator.comparison.wfl');
  assert.equal(scopeOf(line, '!='), 'keyword.operator.comparison.wfl');
  assert.equal(scopeOf(line, '>='), 'keyword.operator.comparison.wfl');
  assert.equal(scopeOf(line, '<='), 'keyword.operator.comparison.wfl');
  assert.equal(scopeOf('  if a.b = on', '='), 'invalid.illegal.assignment.wfl');
});

test('the example workflows tokenise without errors', () => {
  const examples = join(root, '..', '..', 'examples');
  let files: string[] = [];
  try {
    files = require('node:fs').readdirSync(examples).filter((f: string) => f.endsWith('.wfl'));
  } catch {
    return; // built outside the repository
  }
  for (const file of files) {
    let state = textmate.INITIAL;
    for (const line of readFileSync(join(examples, file), 'utf8').split('\n')) {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      for (const t of result.tokens) {
        const scope = t.scopes[t.scopes.length - 1];
        assert.ok(!scope.startsWith('invalid'), `${file}: ${JSON.stringify(line)} has an invalid token`);
      }
    }
  }
});
