/** A bad configuration value: one line naming the variable and what it expects. */
export class ConfigError extends Error {
  /** `secret`: the value is never echoed (only its length), so a bad secret does not land in logs. */
  constructor(
    readonly variable: string,
    expectation: string,
    value?: string,
    options: { secret?: boolean } = {},
  ) {
    const shown =
      value === undefined
        ? ' is not set'
        : options.secret
          ? ` is invalid (${value.length} characters, value not shown)`
          : `=${JSON.stringify(value)} is invalid`;
    super(`${variable}${shown}: ${expectation}`);
    this.name = 'ConfigError';
  }
}
