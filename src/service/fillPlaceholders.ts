/**
 * Replaces `{name}` placeholders in a template; a placeholder without a value is left as it is. A value that
 * ends with a full stop of its own ("8 a.m.") takes the one that follows it in the template, so a sentence never
 * ends in two ("8 a.m.. Adiós").
 */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}(\.?)/g, (whole, name: string, stop: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return stop !== "" && value.endsWith(".") ? value : `${value}${stop}`;
  });
}
