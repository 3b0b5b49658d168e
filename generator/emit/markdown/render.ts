// A page from its template and view data. A template is user input (a project may edit templates/), so one that is
// missing, does not compile or does not render gives a located `template-error` diagnostic, never an exception.
import { diagnostic, type Diagnostic } from "../../common/diagnostics.js";
import { templateFunction } from "../handlebars.js";

export class PageRenderer {
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();

  /** `shownAs`: the templates folder as diagnostics name it (EmitOptions.templatesShownAs). */
  constructor(
    private readonly templates: Readonly<Record<string, string>>,
    private readonly shownAs = "templates",
  ) {}

  /** The page, blank-line runs collapsed, ending in one newline; or a diagnostic located in the template. */
  render(name: string, view: object): { contents: string } | Diagnostic {
    const file = `${this.shownAs}/${name}`;
    const source = this.templates[name];
    if (source === undefined) return diagnostic("template-error", `template ${name} is missing`, { file });
    try {
      let template = this.compiled.get(name);
      if (!template) this.compiled.set(name, (template = templateFunction(name, source)));
      return {
        contents: `${template(view)
          .replace(/\n{3,}/g, "\n\n")
          .trimEnd()}\n`,
      };
    } catch (error) {
      const message = (error as Error).message;
      const line = /line (\d+)/.exec(message)?.[1];
      return diagnostic("template-error", message.split("\n")[0], {
        file,
        line: line === undefined ? undefined : Number(line),
        column: 1,
      });
    }
  }
}
