import { run } from '@shipgate/kit/runner';
import { flyDeploy } from './action';

void run(flyDeploy);
