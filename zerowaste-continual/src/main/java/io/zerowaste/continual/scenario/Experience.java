package io.zerowaste.continual.scenario;

import io.zerowaste.core.data.ImageSet;

/**
 * One step of a continual scenario.
 *
 * @param index position in the sequence, 0..T−1 (also the task id in task-incremental learning)
 * @param classes the classes this experience introduces (every class for domain-incremental learning)
 * @param train its training images (labels are the dataset's class ids)
 * @param test its test images
 */
public record Experience(int index, int[] classes, ImageSet train, ImageSet test) {}
