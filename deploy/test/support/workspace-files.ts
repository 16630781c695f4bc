import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** Absolute path of the repository root (deploy/test/support → three levels up). */
export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..');

export function workspacePath(...segments: string[]): string {
  return join(WORKSPACE_ROOT, ...segments);
}

export function readWorkspaceFile(path: string): string {
  return readFileSync(workspacePath(path), 'utf8');
}

export function workspaceFileExists(path: string): boolean {
  return existsSync(workspacePath(path));
}

/** Workspace-relative paths of the files under `directory` whose names end with one of `suffixes`. */
export function listWorkspaceFiles(directory: string, suffixes: readonly string[]): string[] {
  const root = workspacePath(directory);
  if (!existsSync(root)) {
    return [];
  }
  const found: string[] = [];
  const visit = (path: string): void => {
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) {
        visit(child);
      } else if (suffixes.some((suffix) => name.endsWith(suffix))) {
        found.push(relative(WORKSPACE_ROOT, child));
      }
    }
  };
  visit(root);
  return found.sort();
}

/**
 * Every document of a YAML file, failing on any syntax error (the `yaml` package reports
 * errors per document instead of throwing).
 */
export function readYamlDocuments(path: string): unknown[] {
  const documents = parseAllDocuments(readWorkspaceFile(path), { merge: true });
  return documents.map((document) => {
    const [error] = document.errors;
    if (error !== undefined) {
      throw new Error(`${path}: ${error.message}`);
    }
    const value: unknown = document.toJSON();
    return value;
  });
}

/** One YAML document with `<<` merge keys resolved, as Compose reads it. */
export function readYamlDocument(path: string): unknown {
  const value: unknown = parse(readWorkspaceFile(path), { merge: true });
  return value;
}
