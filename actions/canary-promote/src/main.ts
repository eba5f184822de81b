import { run } from '@shipgate/kit/runner';
import { canaryPromote } from './action';

void run(canaryPromote);
