/** Every feature's sample writer, in order. */
import type { SampleWriter } from './types';
import { writeBackupSamples } from './backup';

export const sampleWriters: SampleWriter[] = [writeBackupSamples];
