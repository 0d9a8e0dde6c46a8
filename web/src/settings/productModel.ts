import type { Concurrency, PromotionTemplateInput } from '../gql/graphql';

export type EntryDraft = { file: string; jsonPaths: string };

export type ProductDraft = {
  name: string;
  concurrency: Concurrency;
  versionFile: string;
  versionJsonPath: string;
  entries: EntryDraft[];
};

type Template = {
  versionSource?: { file: string; jsonPath: string } | null;
  promotion: { file: string; jsonPaths: string[] }[];
} | null;

export const CONCURRENCY_CHOICES: { value: Concurrency; label: string }[] = [
  { value: 'QUEUE', label: 'Queue: a new release waits for the one in progress' },
  { value: 'TERMINATE', label: 'Terminate: a new release replaces the one in progress' },
];

export function emptyProductDraft(): ProductDraft {
  return { name: '', concurrency: 'QUEUE', versionFile: '', versionJsonPath: '', entries: [] };
}

/** The draft of an existing product, to edit. */
export function draftOf(product: {
  name: string;
  concurrency: Concurrency;
  promotionTemplate: Template;
}): ProductDraft {
  const template = product.promotionTemplate;
  return {
    name: product.name,
    concurrency: product.concurrency,
    versionFile: template?.versionSource?.file ?? '',
    versionJsonPath: template?.versionSource?.jsonPath ?? '',
    entries: (template?.promotion ?? []).map((e) => ({ file: e.file, jsonPaths: e.jsonPaths.join('\n') })),
  };
}

/** JSONPaths as typed: one a line (or separated by commas), blanks dropped. */
export function splitPaths(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The template the draft describes; null when it describes none (every file is mirrored). */
export function templateOf(draft: ProductDraft): PromotionTemplateInput | null {
  const file = draft.versionFile.trim();
  const jsonPath = draft.versionJsonPath.trim();
  const promotion = draft.entries
    .filter((e) => e.file.trim() || e.jsonPaths.trim())
    .map((e) => ({ file: e.file.trim(), jsonPaths: splitPaths(e.jsonPaths) }));
  if (!file && !jsonPath && promotion.length === 0) return null;
  return { versionSource: file || jsonPath ? { file, jsonPath } : null, promotion };
}

/** The form's field for a field the server names, e.g. promotionTemplate.promotion[1].jsonPaths -> entry.1.jsonPaths. */
export function productFieldOf(serverField: string): string | undefined {
  if (serverField === 'name' || serverField === 'concurrency') return serverField;
  if (serverField === 'promotionTemplate.versionSource.file') return 'versionFile';
  if (serverField === 'promotionTemplate.versionSource.jsonPath') return 'versionJsonPath';
  const entry = /^promotionTemplate\.promotion\[(\d+)\]\.(file|jsonPaths)$/.exec(serverField);
  if (entry) return `entry.${entry[1]}.${entry[2]}`;
  return undefined;
}

/** The obvious problems, found before asking the server. */
export function checkProductDraft(draft: ProductDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!draft.name.trim()) problems.name = 'Give the product a name, e.g. shop.';
  const jsonPath = draft.versionJsonPath.trim();
  if (draft.versionFile.trim() && !jsonPath)
    problems.versionJsonPath = 'Give the JSONPath of the version, e.g. $.image.tag.';
  if (jsonPath && !draft.versionFile.trim())
    problems.versionFile = 'Give the file the version is in, e.g. values.yaml.';
  return problems;
}
