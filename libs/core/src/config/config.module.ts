/** Injection token for the ResolvedConfig (provided by CoreModule.forRoot). */
export const APP_CONFIG = Symbol('APP_CONFIG');
