// Garbage collector.
// (Being written: until then this component does nothing.)
import type { Component } from '../context.js';

export const garbageCollector: Component = () => {};
