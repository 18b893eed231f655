// Kubelets of every node.
// (Being written: until then this component does nothing.)
import type { Component } from '../context.js';

export const kubelet: Component = () => {};
