/** Every feature's sample writer, in order. */
import type { SampleWriter } from './types';

export const sampleWriters: SampleWriter[] = [];
