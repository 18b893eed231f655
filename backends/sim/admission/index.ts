// Admission chain: defaults and validation.
// (Being written: until then this component does nothing.)
import type { Component } from '../context.js';

export const admission: Component = () => {};
