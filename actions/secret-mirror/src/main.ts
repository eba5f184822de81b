import { run } from '@shipgate/kit/runner';
import { secretMirror } from './action';

void run(secretMirror);
