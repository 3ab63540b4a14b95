/* eslint-disable no-control-regex -- these patterns exist to find control characters. */

/**
 * Control characters never belong in what people type: C0 controls, DEL and C1 controls. Multi-line
 * text keeps tab, line feed and carriage return; a single-line value keeps none.
 */
export const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
export const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f]/;
