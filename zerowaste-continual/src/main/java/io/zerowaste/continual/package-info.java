/** Reuse knowledge: continual learning. Built by the continual-learning issue on the nn module's training hooks. */
package io.zerowaste.continual;
