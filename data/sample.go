package data

// Role is who speaks a turn.
type Role string

// The roles of a conversation. Readers map dataset spellings onto them
// (ShareGPT "human"/"gpt", HH-RLHF "Human"/"Assistant").
const (
	User      Role = "user"
	Assistant Role = "assistant"
)

// Turn is one message of a conversation.
type Turn struct {
	Role  Role
	Text  string
	Input string // the Alpaca/BELLE "input" of an instruction turn; "" when none
}

// Conversation is one training sample: an optional system prompt and
// domain tag, then turns that alternate User, Assistant, ..., ending with
// an Assistant turn (the one-turn instruction formats are one pair).
type Conversation struct {
	Source string // where it came from, "file:record N" (record numbers start at 1)
	System string // system prompt; "" means the template's default
	Domain string // BELLE-style domain tag (e.g. 法律咨询); "" for none
	Turns  []Turn
	// Reference is a reference answer to the last user turn, from a
	// "reference" key, for reference-based quality filters; "" for none.
	Reference string
}

// Tokenized is a pre-tokenized sample: input ids and per-token labels,
// where a label of -100 (any negative value) carries no loss, as HF does.
type Tokenized struct {
	Source string
	IDs    []int
	Labels []int
}
