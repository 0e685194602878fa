/**
 * The IPC channel names shared by the main process (electron/main/ipc.ts) and the preload. No 'electron' import
 * here: the preload bundle includes this file.
 */
export const INVOKE_CHANNEL = 'qorgan:invoke';
/** main → renderer: the core locked (idle, Ctrl+L, OS screen lock); the UI must forget its cached data */
export const LOCKED_CHANNEL = 'qorgan:locked';
