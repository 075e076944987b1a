package data

import (
	"encoding/json"
)

// parseTokenized parses {"input_ids": [...], "labels": [...]}; without
// labels every token carries loss.
func parseTokenized(m record, src string) ([]Tokenized, error) {
	ids, err := needInts(m, "input_ids")
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, bad(ReasonEmptyText, "\"input_ids\" is empty")
	}
	for i, id := range ids {
		if id < 0 {
			return nil, bad(ReasonBadTokenID, "\"input_ids\"[%d] is %d", i, id)
		}
	}
	labels := append([]int(nil), ids...)
	if raw, ok := m["labels"]; ok && !isNull(raw) {
		if labels, err = needInts(m, "labels"); err != nil {
			return nil, err
		}
	}
	if len(labels) != len(ids) {
		return nil, bad(ReasonLabelsLength, "%d labels for %d input_ids", len(labels), len(ids))
	}
	supervised := false
	for _, l := range labels {
		supervised = supervised || l >= 0
	}
	if !supervised {
		return nil, bad(ReasonNoSupervisedToken, "no label carries loss (all are negative)")
	}
	return []Tokenized{{Source: src, IDs: ids, Labels: labels}}, nil
}

// needInts returns the array of integers under key, which must be present.
func needInts(m record, key string) ([]int, error) {
	list, err := needArray(m, key)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(list))
	for i, raw := range list {
		if err := json.Unmarshal(raw, &out[i]); err != nil {
			return nil, bad(ReasonWrongType, "%q[%d] is %s, want an integer", key, i, describe(raw))
		}
	}
	return out, nil
}

// describe names a raw JSON value for a message: numbers as themselves,
// other values by their kind.
func describe(raw json.RawMessage) string {
	if k := jsonKind(raw); k != "a number" {
		return k
	}
	return string(raw)
}
