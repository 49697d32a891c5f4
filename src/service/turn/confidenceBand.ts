import type { ConfidenceBand } from "../contract/eventSchema.js";

/** Confidence from which speech counts as clearly heard. */
export const HIGH_CONFIDENCE = 0.8;

/**
 * The band of a speech result's confidence: `low` below the flow's `speech.minConfidence` (treated as
 * no answer), `high` from 0.8, `medium` in between.
 */
export function classifyConfidence(confidence: number, minConfidence: number): ConfidenceBand {
  if (confidence < minConfidence) return "low";
  return confidence >= HIGH_CONFIDENCE ? "high" : "medium";
}
