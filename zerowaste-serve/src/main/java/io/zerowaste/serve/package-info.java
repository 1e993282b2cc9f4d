/** HTTP inference server for early-exit bundles. */
package io.zerowaste.serve;
