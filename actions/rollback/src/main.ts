import { run } from '@shipgate/kit/runner';
import { rollback } from './action';

void run(rollback);
