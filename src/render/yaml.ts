import yaml from 'js-yaml';
import type { KubeObject } from '../../backends/contract/types.js';

export interface YamlOptions { hideManagedFields: boolean; maskSecrets?: boolean }
export function toYaml(obj: KubeObject, _opts: YamlOptions): string { return yaml.dump(obj); }
