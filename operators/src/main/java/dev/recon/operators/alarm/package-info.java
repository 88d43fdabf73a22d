/**
 * Alarm rules that judge a sensor's scored windows with its own history rather than one window's
 * score against the threshold: {@link dev.recon.operators.alarm.OnsetLikelihoodAlarm}.
 */
package dev.recon.operators.alarm;
