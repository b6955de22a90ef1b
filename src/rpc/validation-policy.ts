import type { ValidationOptions } from '../ocpp16/validate.js';

/** The four places a message is validated. */
export type ValidationDirection = 'outgoingRequest' | 'incomingRequest' | 'outgoingResponse' | 'incomingResponse';

/**
 * Which messages are validated, and how strictly. Everything is validated strictly unless
 * switched here: per direction for all actions, or per action and direction.
 *
 * @example
 * ```ts
 * // A charger that adds vendor fields to MeterValues; never validate what we send ourselves.
 * { directions: { outgoingRequest: false, outgoingResponse: false },
 *   actions: { MeterValues: { incomingRequest: { strict: false } } } }
 * ```
 */
export interface ValidationSettings extends ValidationOptions {
  /** Switch validation off (`false`) in a direction for every action. */
  readonly directions?: Partial<Record<ValidationDirection, boolean>>;
  /** Per action and direction: `false` to skip, or options that replace the defaults. */
  readonly actions?: Readonly<Record<string, Partial<Record<ValidationDirection, boolean | ValidationOptions>>>>;
}

/**
 * Resolves {@link ValidationSettings} into what to do for one action and direction: `false` to
 * skip, or the options to validate with. Answers are cached, as the same pairs recur on every
 * call.
 */
export class ValidationPolicy {
  readonly #settings: ValidationSettings;
  readonly #defaults: ValidationOptions;
  readonly #cache = new Map<string, Partial<Record<ValidationDirection, ValidationOptions | false>>>();

  constructor(settings: ValidationSettings = {}) {
    this.#settings = settings;
    this.#defaults = { strict: settings.strict ?? true, allowMissingOffset: settings.allowMissingOffset ?? false };
  }

  /** The options to validate `action` in `direction` with, or `false` to skip. */
  resolve(action: string, direction: ValidationDirection): ValidationOptions | false {
    let byDirection = this.#cache.get(action);
    if (!byDirection) this.#cache.set(action, (byDirection = {}));
    let answer = byDirection[direction];
    if (answer === undefined) {
      const perAction = this.#settings.actions?.[action]?.[direction];
      if (perAction === false) answer = false;
      else if (typeof perAction === 'object') answer = { ...this.#defaults, ...perAction };
      else if (perAction === true) answer = this.#defaults;
      else answer = this.#settings.directions?.[direction] === false ? false : this.#defaults;
      byDirection[direction] = answer;
    }
    return answer;
  }
}
