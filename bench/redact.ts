// The kit's redactor: registering a vault's worth of secrets, and redacting a large text with all of them.
// References in the same process: the list re-sorted on every add (how the redactor worked before it moved
// into the kit), and one String.includes pass over the same text for a single value.
import { Redactor, secretForms } from '@shipgate/kit/redact';
import { median, ms, ratio, timed } from './stats';

/** The redactor as it was: every form pushed into one list, the whole list sorted again after each add. */
class SortOnAdd {
  private readonly forms: string[] = [];
  add(value: string): void {
    this.forms.push(...secretForms(value));
    this.forms.sort((a, b) => b.length - a.length);
  }
}

function values(count: number, seed: string): string[] {
  return Array.from({ length: count }, (_, i) => `${seed}-${i}-${(i * 2654435761).toString(36)}-value`);
}

export async function redactBench(): Promise<{ markdown: string }> {
  const rows: string[] = [];
  for (const count of [1_000, 4_000, 10_000]) {
    const addMs = median(
      await timed(5, () => {
        const redactor = new Redactor();
        for (const value of values(count, `a${count}`)) redactor.add(value);
      }),
    );
    const formsMs = median(
      await timed(5, () => {
        for (const value of values(count, `f${count}`)) secretForms(value);
      }),
    );
    const before =
      count <= 4_000
        ? median(
            await timed(1, () => {
              const list = new SortOnAdd();
              for (const value of values(count, `s${count}`)) list.add(value);
            }),
          )
        : undefined;
    rows.push(
      `| ${count.toLocaleString('en')} | ${ms(addMs)} | ${ms(formsMs)} | ${ratio(addMs / formsMs)} | ${before === undefined ? 'not run (minutes)' : `${ms(before)} (${ratio(before / addMs)} slower)`} |`,
    );
  }

  const redactor = new Redactor();
  const secrets = values(10_000, 'text');
  for (const value of secrets) redactor.add(value);
  const text = `${'an ordinary log line with a https://example.com/path and numbers 12345\n'.repeat(14_000)}${secrets[9_999]}\n`;
  const redactMs = median(await timed(7, () => redactor.redact(text)));
  const includesMs = median(await timed(7, () => text.includes(secrets[9_999] as string)));
  const megabytes = (text.length / 2 ** 20).toFixed(1);
  return {
    markdown: `Registering secrets (each with every form: raw, JSON, URL and form encoding, base64 and base64url, embedded base64 at three alignments), median of 5, and the forms alone for reference; the goal is 10,000 in under 100 ms.

| secrets | register | forms alone | ratio | sorted on every add (before) |
| ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

Redacting ${megabytes} MB of log text with 10,000 secrets registered (${redactor.size.toLocaleString('en')} forms): ${ms(redactMs)}, ${ratio(redactMs / includesMs)} one \`String.includes\` pass for a single value (${ms(includesMs)}). The text is read once, whatever the number of secrets.`,
  };
}
