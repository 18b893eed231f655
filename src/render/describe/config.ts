// kubectl describe configmap / secret / serviceaccount.
import type { ConfigMap, Secret, ServiceAccount } from '../../../backends/contract/types.js';
import type { DescribeInput } from './describeInput.js';
import { describeEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './metadataLines.js';
import { LEVEL_0, tabbedString } from './prefixWriter.js';

/** Byte length of a base64 value once decoded. */
export function decodedLength(b64: string): number {
  return Buffer.from(b64, 'base64').length;
}

// Deviation: keys are printed sorted. kubectl v1.33 walks the Go map (a different order on
// each run); v1.34 sorts them. Sorted is the one reproducible choice.
const sortedKeys = (m: Record<string, unknown> | undefined) => Object.keys(m ?? {}).sort();

export function describeConfigMap(input: DescribeInput<ConfigMap>): string {
  const cm = input.object;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata?.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of sortedKeys(cm.data)) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${cm.data![k]}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    for (const k of sortedKeys(cm.binaryData)) w.write(LEVEL_0, `${k}: ${decodedLength(cm.binaryData![k])} bytes\n`);
    w.write(LEVEL_0, '\n');
    if (input.events) describeEvents(input.events, w, input.now);
  });
}

/** Secret values are never shown, only their decoded size (a service-account token excepted). */
export function describeSecret(input: DescribeInput<Secret>): string {
  const s = input.object;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${s.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${s.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', s.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', s.metadata?.annotations);
    w.write(LEVEL_0, `\nType:\t${s.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of sortedKeys(s.data)) {
      if (k === 'token' && s.type === 'kubernetes.io/service-account-token') {
        w.write(LEVEL_0, `${k}:\t${Buffer.from(s.data![k], 'base64').toString('utf8')}\n`);
      } else {
        w.write(LEVEL_0, `${k}:\t${decodedLength(s.data![k])} bytes\n`);
      }
    }
  });
}

const HEADERS = {
  pull: 'Image pull secrets:',
  mount: 'Mountable secrets: ',
  token: 'Tokens:            ',
  empty: '                   ',
};

/**
 * Deviation: kubectl also lists legacy token Secrets annotated for this account (and marks
 * referenced Secrets that do not exist `(not found)`); kdash does not look them up, so
 * `Tokens:` is `<none>`, as it is on clusters since v1.24 unless such Secrets are made by hand.
 */
export function describeServiceAccount(input: DescribeInput<ServiceAccount>): string {
  const sa = input.object;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sa.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${sa.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata?.annotations);
    const groups: [string, string[]][] = [
      [HEADERS.pull, (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
      [HEADERS.mount, (sa.secrets ?? []).map((s) => s.name ?? '')],
      [HEADERS.token, []],
    ];
    for (const [header, names] of groups) {
      if (names.length === 0) { w.write(LEVEL_0, `${header}\t<none>\n`); continue; }
      names.forEach((n, i) => w.write(LEVEL_0, `${i === 0 ? header : HEADERS.empty}\t${n}\n`));
    }
    if (input.events) describeEvents(input.events, w, input.now);
  });
}
