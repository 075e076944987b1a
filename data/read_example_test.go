package data_test

import (
	"fmt"

	"github.com/paddock-ai/paddock/data"
)

func ExampleReadConversations() {
	convs, rep, err := data.ReadConversations("testdata/read/alpaca.json", data.FormatAlpaca,
		data.ReadOptions{OnError: "skip"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range convs {
		user, reply := c.Turns[0], c.Turns[1]
		fmt.Printf("%s: %q (input %q) -> %q\n", c.Source, user.Text, user.Input, reply.Text)
	}
	fmt.Println(rep.Read, "read,", rep.Skipped, "skipped:", rep.Messages[0])
	// Output:
	// testdata/read/alpaca.json:record 1: "Translate to French." (input "Good morning") -> "Bonjour"
	// testdata/read/alpaca.json:record 2: "Name a primary colour." (input "") -> "Red"
	// 2 read, 1 skipped: data: testdata/read/alpaca.json: record 3: "output" is a number, want a string
}
