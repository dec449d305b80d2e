/** `defineConfig`: gives the config its type, so the editor checks and explains every field. */
import type { FargateOidcConfig } from './types';

/** Returns `config` unchanged; exists for its type. */
export function defineConfig(config: FargateOidcConfig): FargateOidcConfig {
  return config;
}
