/** A command a document names, reduced to what must exist for it to work. */
export type DocCommand =
  | { kind: 'npm-script'; script: string; text: string }
  | { kind: 'nx-target'; project: string; target: string; text: string }
  | { kind: 'nx-targets'; targets: string[]; projects: string[]; text: string };

/** What the workspace offers: package.json scripts and each Nx project's targets. */
export interface Workspace {
  scripts: ReadonlySet<string>;
  targets: ReadonlyMap<string, ReadonlySet<string>>;
}

/** `nx <word>` that is an Nx command, not `nx <target> <project>`. */
const NX_COMMANDS = new Set([
  'add',
  'affected',
  'connect',
  'daemon',
  'exec',
  'format',
  'format:check',
  'format:write',
  'g',
  'generate',
  'graph',
  'import',
  'init',
  'list',
  'login',
  'logout',
  'migrate',
  'release',
  'repair',
  'report',
  'reset',
  'run',
  'run-many',
  'show',
  'sync',
  'sync:check',
  'view-logs',
  'watch',
]);

/** Inline code spans and the lines of fenced code blocks: where documents put commands. */
export function codeOf(markdown: string): string[] {
  const pieces: string[] = [];
  const withoutFences = markdown.replace(/^```[^\n]*\n([\s\S]*?)^```/gm, (_block, body: string) => {
    pieces.push(...body.split('\n'));
    return '';
  });
  for (const match of withoutFences.matchAll(/`([^`\n]+)`/g)) pieces.push(match[1] ?? '');
  return pieces;
}

/** Splits a piece of code into shell commands (`&&`, `;`, `|`, `#` comments end one). */
function shellCommands(code: string): string[][] {
  return code
    .replace(/#.*$/, '')
    .split(/&&|\|\||;|\|/)
    .map((command) =>
      command
        .trim()
        .split(/\s+/)
        .filter((word) => word !== ''),
    )
    .map((words) => {
      // Leading `VAR=value` assignments do not change the command.
      let start = 0;
      while (start < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[start] ?? '')) start += 1;
      return words.slice(start);
    })
    .filter((words) => words.length > 0);
}

function valuesAfter(words: string[], flags: string[]): string[] {
  const values: string[] = [];
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    const inline = flags.map((flag) => `${flag}=`).find((prefix) => word.startsWith(prefix));
    if (inline) values.push(...word.slice(inline.length).split(','));
    if (!flags.includes(word)) continue;
    for (index += 1; index < words.length && !(words[index] ?? '').startsWith('-'); index += 1)
      values.push(...(words[index] ?? '').split(','));
    index -= 1;
  }
  return values.filter((value) => value !== '');
}

/** A placeholder project (`<app>`) stands for any project that has the target. */
function targetOf(project: string, target: string, text: string): DocCommand {
  return project.startsWith('<')
    ? { kind: 'nx-targets', targets: [target], projects: [], text }
    : { kind: 'nx-target', project, target, text };
}

function commandOf(words: string[], text: string): DocCommand | undefined {
  const [head, ...rest] = words[0] === 'npx' ? words.slice(1) : words;
  if (head === 'npm') {
    const args = rest.filter((word) => !word.startsWith('-'));
    const [verb, name] = args;
    if (verb === 'start' || verb === 'test') return { kind: 'npm-script', script: verb, text };
    if ((verb === 'run' || verb === 'run-script') && name)
      return { kind: 'npm-script', script: name, text };
    // npm's own commands (install, ci, exec, ...) need no script.
    return undefined;
  }
  if (head !== 'nx') return undefined;
  const [verb, first] = rest;
  if (verb === undefined) return undefined;
  if (verb === 'run' && first?.includes(':')) {
    const [project, target] = first.split(':');
    return project && target ? targetOf(project, target, text) : undefined;
  }
  if (verb === 'run-many' || verb === 'affected') {
    return {
      kind: 'nx-targets',
      targets: valuesAfter(rest, ['-t', '--target', '--targets']),
      projects: valuesAfter(rest, ['-p', '--projects']),
      text,
    };
  }
  if (NX_COMMANDS.has(verb) || verb.startsWith('-')) return undefined;
  // `nx <target> <project>`, or `nx <project>:<target>`.
  if (verb.includes(':')) {
    const [project, target] = verb.split(':');
    return project && target ? targetOf(project, target, text) : undefined;
  }
  return first && !first.startsWith('-') ? targetOf(first, verb, text) : undefined;
}

/** Every npm script and Nx target a Markdown document tells its reader to run. */
export function commandsIn(markdown: string): DocCommand[] {
  return codeOf(markdown).flatMap((code) =>
    shellCommands(code)
      .map((words) => commandOf(words, code.trim()))
      .filter((command): command is DocCommand => command !== undefined),
  );
}

/** The commands that name a script, project or target the workspace does not have, explained. */
export function missingCommands(commands: readonly DocCommand[], workspace: Workspace): string[] {
  const problems: string[] = [];
  for (const command of commands) {
    switch (command.kind) {
      case 'npm-script':
        if (!workspace.scripts.has(command.script))
          problems.push(`\`${command.text}\`: package.json has no script "${command.script}"`);
        break;
      case 'nx-target': {
        const targets = workspace.targets.get(command.project);
        if (!targets) problems.push(`\`${command.text}\`: no Nx project "${command.project}"`);
        else if (!targets.has(command.target))
          problems.push(
            `\`${command.text}\`: project "${command.project}" has no target "${command.target}"`,
          );
        break;
      }
      case 'nx-targets':
        for (const project of command.projects)
          if (!workspace.targets.has(project))
            problems.push(`\`${command.text}\`: no Nx project "${project}"`);
        for (const target of command.targets)
          if (![...workspace.targets.values()].some((targets) => targets.has(target)))
            problems.push(`\`${command.text}\`: no Nx project has a target "${target}"`);
        break;
    }
  }
  return problems;
}
