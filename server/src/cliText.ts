/**
 * The command line's text: errors that carry a message id (report/messages.ts) and are put into
 * words in the locale asked for, the usage, and that locale. Command synopses are syntax, the
 * same in every locale; everything said about them is a message.
 */
import { localize, type Locale } from './report/index';

type Args = Record<string, string | number>;

/** An error the user is shown, in their locale (its `message` is the Chinese text). */
export class CliError extends Error {
  constructor(
    readonly id: string,
    readonly args: Args = {},
  ) {
    super(localize(id, args, 'zh'));
  }

  text(locale: Locale): string {
    return localize(this.id, this.args, locale);
  }
}

/** A command line that cannot be run as given: the usage is shown after the message. */
export class UsageError extends CliError {}

type Command = 'check' | 'dump' | 'fix' | 'convert' | 'export';

const SYNOPSES: { command: Command; synopsis: string; about: string[] }[] = [
  {
    command: 'check',
    synopsis: 'xxgk check [--format text|json] [--locale zh|en] [--verbose] [--jobs N] [--previous FILE] PATH...',
    about: ['cli.usage.check', 'cli.usage.jobs', 'cli.usage.previous', 'cli.usage.crossYear'],
  },
  { command: 'dump', synopsis: 'xxgk dump FILE', about: ['cli.usage.dump'] },
  {
    command: 'fix',
    synopsis: 'xxgk fix FILE [-o OUT | --write] [--fill-blanks] [--locale zh|en]',
    about: ['cli.usage.fix', 'cli.usage.fixOutput'],
  },
  { command: 'convert', synopsis: 'xxgk convert FILE [-o OUT.xxgk]', about: ['cli.usage.convert'] },
  { command: 'export', synopsis: 'xxgk export FILE --to docx|html [-o OUT]', about: ['cli.usage.export'] },
];

/** How to use one command. */
export function commandUsage(command: Command, locale: Locale): string {
  const s = SYNOPSES.find((x) => x.command === command)!;
  return [`  ${s.synopsis}`, ...s.about.map((id) => `      ${localize(id, {}, locale)}`)].join('\n');
}

/** How to use the command line. */
export function usage(locale: Locale): string {
  return [
    localize('cli.usage', {}, locale),
    ...SYNOPSES.map((s) => commandUsage(s.command, locale)),
    `  ${localize('cli.usage.files', {}, locale)}`,
    localize('cli.usage.exit', {}, locale),
  ].join('\n');
}

/** The locale a command line asks for (`--locale en`, `--locale=en`); Chinese otherwise. */
export function cliLocale(argv: string[]): Locale {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = a === '--locale' ? argv[i + 1] : a.startsWith('--locale=') ? a.slice('--locale='.length) : undefined;
    if (v === 'zh' || v === 'en') return v;
  }
  return 'zh';
}

/** A command's failure as the command line reports it (exit status 2). */
export function failure(e: unknown, locale: Locale, command?: Command): { code: number; stdout: string; stderr: string } {
  if (e instanceof UsageError)
    return { code: 2, stdout: '', stderr: `${e.text(locale)}\n\n${command ? commandUsage(command, locale) : usage(locale)}` };
  if (e instanceof CliError) return { code: 2, stdout: '', stderr: e.text(locale) };
  return { code: 2, stdout: '', stderr: (e as Error).message };
}
