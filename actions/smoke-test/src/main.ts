import { run } from '@shipgate/kit/runner';
import { smokeTest } from './action';

void run(smokeTest);
