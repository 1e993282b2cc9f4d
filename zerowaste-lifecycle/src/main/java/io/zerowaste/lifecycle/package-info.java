/** The model lifecycle: a served early-exit bundle updated with new data into its next version. */
package io.zerowaste.lifecycle;
