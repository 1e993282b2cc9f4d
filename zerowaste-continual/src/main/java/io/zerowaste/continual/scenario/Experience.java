package io.zerowaste.continual.scenario;

import io.zerowaste.core.data.ImageSet;

/**
 * One step of a continual scenario.
 *
 * @param index position in the sequence, 0..T−1 (also the task id in task-incremental learning)
 * @param classes the classes this experience introduces (every class for domain-incremental learning)
 * @param train its training images (labels are the dataset's class ids), validation held out
 * @param validation a seeded 1/12 of the experience's training images, for every choice a user tunes
 * @param test its test images, for reporting only
 */
public record Experience(int index, int[] classes, ImageSet train, ImageSet validation, ImageSet test) {}
