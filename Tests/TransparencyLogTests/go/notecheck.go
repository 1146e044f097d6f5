// notecheck cross-checks cpsledger's signed notes against Go's golang.org/x/mod/sumdb/note.
//
//	go run notecheck.go sign NAME TEXTFILE   prints the verifier key, then a note Go signed
//	go run notecheck.go open VKEY NOTEFILE   opens a note with note.Open; exit 1 when refused
//
// Build offline: GO111MODULE=off GOPATH=/usr/share/gocode go run notecheck.go ...
package main

import (
	"crypto/rand"
	"fmt"
	"os"

	"golang.org/x/mod/sumdb/note"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: notecheck sign NAME TEXTFILE | open VKEY NOTEFILE")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[3])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	switch os.Args[1] {
	case "sign":
		skey, vkey, err := note.GenerateKey(rand.Reader, os.Args[2])
		if err != nil {
			panic(err)
		}
		signer, err := note.NewSigner(skey)
		if err != nil {
			panic(err)
		}
		msg, err := note.Sign(&note.Note{Text: string(data)}, signer)
		if err != nil {
			panic(err)
		}
		fmt.Println(vkey)
		fmt.Print(string(msg))
	case "open":
		verifier, err := note.NewVerifier(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, "NewVerifier:", err)
			os.Exit(1)
		}
		n, err := note.Open(data, note.VerifierList(verifier))
		if err != nil {
			fmt.Fprintln(os.Stderr, "Open:", err)
			os.Exit(1)
		}
		fmt.Printf("ok: %d verified, %d unverified signatures\n", len(n.Sigs), len(n.UnverifiedSigs))
	}
}
