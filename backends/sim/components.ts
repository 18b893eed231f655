// The components a default simulator runs, in start order.
import type { Component } from './context.js';

export const DEFAULT_COMPONENTS: Component[] = [];
