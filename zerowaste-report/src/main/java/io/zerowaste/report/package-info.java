/** HTML reports from result records (no DJL). */
package io.zerowaste.report;
