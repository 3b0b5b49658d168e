// A page from its template and view data. A template is user input (a project may edit templates/), so one that is
// missing, does not compile or does not render gives a located `template-error` diagnostic, never an exception.
import { diagnostic, type Diagnostic } from "../../diagnostics.js";
import { templateFunction } from "../handlebars.js";

export type Rendered = { contents: string } | { diagnostic: Diagnostic };

export class PageRenderer {
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();

  constructor(private readonly templates: Readonly<Record<string, string>>) {}

  /** The page, blank-line runs collapsed, ending in one newline; or the diagnostic, its file the template's name. */
  render(name: string, view: object): Rendered {
    const source = this.templates[name];
    if (source === undefined) return { diagnostic: diagnostic("template-error", `template ${name} is missing`, { file: name }) };
    try {
      let template = this.compiled.get(name);
      if (!template) this.compiled.set(name, (template = templateFunction(name, source)));
      return { contents: `${template(view).replace(/\n{3,}/g, "\n\n").trimEnd()}\n` };
    } catch (error) {
      const message = (error as Error).message;
      const line = /line (\d+)/.exec(message)?.[1];
      return { diagnostic: diagnostic("template-error", message.split("\n")[0], { file: name, line: line === undefined ? undefined : Number(line), column: 1 }) };
    }
  }
}
