/**
 * The `wfl/modelState` notification and what the status bar shows for it.
 *
 * Server → client notification, params `{ state: string, detail?: string }` where `state` is one of
 * `loading`, `ready`, `generating`, `fallback` (the model could not run; a deterministic result is
 * offered instead), `off` (no model). Until the server sends one the state is `off` and the item is
 * hidden. Pure module (no `vscode` import).
 */

export const MODEL_STATE_NOTIFICATION = 'wfl/modelState';

export const MODEL_STATES = ['loading', 'ready', 'generating', 'fallback', 'off'] as const;
export type KnownModelState = (typeof MODEL_STATES)[number];

export interface ModelState {
  /** One of MODEL_STATES, or whatever newer state a newer server sends. */
  state: string;
  detail?: string;
}

export const INITIAL_MODEL_STATE: ModelState = { state: 'off' };

export interface StatusView {
  visible: boolean;
  text: string;
  tooltip: string;
  /** `warning` to use the status bar's warning colours. */
  severity?: 'warning';
}

/** Validates notification params; anything malformed yields undefined (and is ignored). */
export function parseModelState(params: unknown): ModelState | undefined {
  if (params === null || typeof params !== 'object') {
    return undefined;
  }
  const { state, detail } = params as { state?: unknown; detail?: unknown };
  if (typeof state !== 'string' || state === '') {
    return undefined;
  }
  return typeof detail === 'string' && detail !== '' ? { state, detail } : { state };
}

export function statusView(model: ModelState): StatusView {
  const withDetail = (text: string) => (model.detail ? `${text}: ${model.detail}` : text);
  switch (model.state) {
    case 'off':
      return { visible: false, text: '', tooltip: withDetail('wfl: no generation model') };
    case 'loading':
      return { visible: true, text: '$(sync~spin) wfl model', tooltip: withDetail('wfl: loading the generation model') };
    case 'ready':
      return { visible: true, text: '$(check) wfl model', tooltip: withDetail('wfl: generation model ready') };
    case 'generating':
      return { visible: true, text: '$(loading~spin) wfl generating', tooltip: withDetail('wfl: generating a workflow') };
    case 'fallback':
      return {
        visible: true,
        text: '$(warning) wfl model: fallback',
        tooltip: withDetail('wfl: the model is unavailable; generation offers deterministic results'),
        severity: 'warning',
      };
    default:
      return { visible: true, text: `wfl model: ${model.state}`, tooltip: withDetail(`wfl: model state ${model.state}`) };
  }
}
