/** Reuse partial input: glimpse-based classification. Built by the glimpse issue. */
package io.zerowaste.glimpse;
