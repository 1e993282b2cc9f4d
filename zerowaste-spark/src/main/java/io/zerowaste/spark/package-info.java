/** Early-exit batch inference and calibration on Apache Spark. */
package io.zerowaste.spark;
