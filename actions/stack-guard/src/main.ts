import { run } from '@shipgate/kit/runner';
import { stackGuard } from './action';

void run(stackGuard);
