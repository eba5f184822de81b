import { run } from '@shipgate/kit/runner';
import { evidenceGate } from './action';

void run(evidenceGate);
