// A fresh kind-like cluster.
// (Being written: until then this component does nothing.)
import type { Component } from '../context.js';

export const freshCluster: Component = () => {};
