/** A template that does not compile or render: reported as a diagnostic, not a crash. */
export class TemplateError extends Error {
  constructor(
    readonly template: string,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}
