/** Recycle computation: early exits (SDN, PBEE, ZTW). Built by the early-exit issue on the nn module. */
package io.zerowaste.exits;
