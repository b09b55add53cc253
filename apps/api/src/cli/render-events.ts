import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { eventsDoc, renderEventsDoc } from '../modules/events';

writeFileSync(eventsDoc, renderEventsDoc());
process.stdout.write(`wrote ${eventsDoc}\n`);
