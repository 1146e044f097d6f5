// Command tlog-check checks a live cpsledger server's transparency log with Go's reference code,
// golang.org/x/mod/sumdb/tlog and golang.org/x/mod/sumdb/note, and none of cpsledger's own.
//
// It opens the latest signed checkpoint (GET /api/log/checkpoint) with note.Open and the verifier
// key it is given, reads the tree size and root from it with tlog.ParseTree, reads every event's
// chain hash from the feed (GET /api/events), recomputes the tree's stored hashes with
// tlog.StoredHashes (the record of event SEQ is leaf SEQ-1; its data is the 32 raw bytes of the
// chain hash) and the root of the first N events with tlog.TreeHash, for the checkpoint's size and
// for smaller ones (each compared with GET /api/log/tree?size=N), then checks the server's
// inclusion proofs of a sample of events with tlog.CheckRecord and its consistency proofs between
// tree sizes with tlog.CheckTree. The first disagreement is named and the exit status is 1.
//
// -tamper MODE flips one bit in what was fetched before it is checked, so that a run MUST fail:
// signature (the checkpoint's Ed25519 signature), root (the root the server gives for the
// checkpoint's size), proof (one hash of an inclusion proof), consistency (one hash of a
// consistency proof), leaf (one event's chain hash in the feed).
//
// Build offline with Debian's golang-go and golang-golang-x-mod-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o tlog-check ./Scripts/tlog-check
//
// Usage:
//
//	tlog-check -server http://127.0.0.1:8080 -key 'ORIGIN+KEYID+KEY' [-checkpoint OLDER.note ...] [-tamper MODE]
//
// Exit status: 0 every check agrees, 1 a disagreement (named on standard error), 2 the server
// could not be read or the arguments are wrong.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"os"
	"sort"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// disagreement is a check that failed: the exit status is 1.
type disagreement struct{ text string }

func (d disagreement) Error() string { return d.text }

func disagree(format string, args ...interface{}) error {
	return disagreement{fmt.Sprintf(format, args...)}
}

type checkpointFiles []string

func (c *checkpointFiles) String() string     { return strings.Join(*c, ",") }
func (c *checkpointFiles) Set(v string) error { *c = append(*c, v); return nil }

var tamperModes = []string{"signature", "root", "proof", "consistency", "leaf"}

func main() {
	server := flag.String("server", "", "the server's base URL, e.g. http://127.0.0.1:8080")
	key := flag.String("key", "", "the checkpoint verifier key, as note.NewVerifier reads it: NAME+KEYID+BASE64")
	keyFile := flag.String("key-file", "", "read the verifier key from this file instead of -key")
	tamper := flag.String("tamper", "", "flip one bit before checking (the run must then fail): "+strings.Join(tamperModes, "|"))
	seed := flag.Int64("seed", 1, "seed of the random sample of events and tree sizes")
	samples := flag.Int("samples", 24, "how many random events to check inclusion proofs of, besides the first, the last and the powers of two")
	var older checkpointFiles
	flag.Var(&older, "checkpoint", "an earlier signed checkpoint note (file) to check too: its signature, its root, and that the latest extends it (repeatable)")
	flag.Parse()

	if *server == "" || (*key == "") == (*keyFile == "") {
		usage("give -server and one of -key or -key-file")
	}
	if *tamper != "" && !contains(tamperModes, *tamper) {
		usage(fmt.Sprintf("-tamper %q is none of %s", *tamper, strings.Join(tamperModes, ", ")))
	}
	vkey := *key
	if *keyFile != "" {
		data, err := os.ReadFile(*keyFile)
		if err != nil {
			usage(err.Error())
		}
		vkey = strings.TrimSpace(string(data))
	}
	c := &checker{
		base:    strings.TrimRight(*server, "/"),
		client:  &http.Client{Timeout: 30 * time.Second},
		tamper:  *tamper,
		rng:     rand.New(rand.NewSource(*seed)),
		samples: *samples,
	}
	err := c.run(vkey, older)
	var d disagreement
	switch {
	case err == nil:
		fmt.Println("tlog-check: " + c.summary())
	case errors.As(err, &d):
		fmt.Fprintln(os.Stderr, "tlog-check: DISAGREEMENT: "+d.text)
		os.Exit(1)
	default:
		fmt.Fprintln(os.Stderr, "tlog-check: "+err.Error())
		os.Exit(2)
	}
}

func usage(problem string) {
	fmt.Fprintln(os.Stderr, "tlog-check: "+problem)
	flag.Usage()
	os.Exit(2)
}

type checker struct {
	base    string
	client  *http.Client
	tamper  string
	rng     *rand.Rand
	samples int

	tampered string      // what -tamper altered, once it has
	leaves   [][]byte    // chain hash of event i+1
	stored   []tlog.Hash // tlog's stored hashes over leaves
	roots    map[int64]tlog.Hash

	origin            string
	size              int64 // the latest checkpoint's size
	head              int64
	trees, incl, cons int
	olderChecked      int
}

func (c *checker) summary() string {
	return fmt.Sprintf("sound: checkpoint of %q at size %d (root %s) opened with note.Open; %d earlier checkpoint(s); "+
		"the head is %d events; tlog.TreeHash agrees with the server's root at %d tree sizes; %d inclusion proofs pass tlog.CheckRecord "+
		"and %d consistency proofs pass tlog.CheckTree.",
		c.origin, c.size, c.roots[c.size], c.olderChecked, c.head, c.trees, c.incl, c.cons)
}

// flip flips one bit of b, chosen by the seeded generator, and records what it altered.
func (c *checker) flip(b []byte, what string) {
	bit := c.rng.Intn(len(b) * 8)
	b[bit/8] ^= 1 << uint(bit%8)
	c.tampered = fmt.Sprintf("flipped bit %d of %s", bit, what)
	fmt.Fprintln(os.Stderr, "tlog-check: tamper: "+c.tampered)
}

func (c *checker) run(vkey string, older []string) error {
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		return fmt.Errorf("the verifier key is not one note.NewVerifier reads (NAME+KEYID+BASE64): %v", err)
	}

	// 1. The latest checkpoint: signature (note.Open), then size and root (tlog.ParseTree).
	status, text, err := c.get("/api/log/checkpoint")
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		return disagree("GET /api/log/checkpoint answered %d, not a signed checkpoint: %s", status, firstLine(text))
	}
	if c.tamper == "signature" {
		if text = c.tamperSignature(text, verifier); text == nil {
			return fmt.Errorf("-tamper signature: the checkpoint has no signature line by %q to alter", verifier.Name())
		}
	}
	latest, err := c.openCheckpoint(text, verifier, "the latest checkpoint (GET /api/log/checkpoint)")
	if err != nil {
		return err
	}
	c.size = latest.N

	// 2. The head, and every chain hash up to it from the feed.
	head, err := c.tree(-1)
	if err != nil {
		return err
	}
	c.head = head.N
	if c.size > c.head {
		return disagree("the latest checkpoint is at size %d but the log's head (GET /api/log/tree) is %d", c.size, c.head)
	}
	if err := c.readFeed(); err != nil {
		return err
	}
	if c.tamper == "leaf" {
		seq := 1 + c.rng.Int63n(c.size)
		c.flip(c.leaves[seq-1], fmt.Sprintf("the chain hash of event %d in the feed", seq))
	}
	if err := c.storeHashes(); err != nil {
		return err
	}

	// 3. Tree hashes: the checkpoint's root first, then the head, then smaller sizes.
	c.roots = map[int64]tlog.Hash{}
	root, err := c.treeHash(c.size)
	if err != nil {
		return err
	}
	if root != latest.Hash {
		return disagree("tlog.TreeHash of the first %d events of the feed is %s, but the latest checkpoint's root is %s", c.size, root, latest.Hash)
	}
	if c.roots[c.head], err = c.treeHash(c.head); err != nil {
		return err
	}
	if c.roots[c.head] != head.Hash {
		return disagree("tlog.TreeHash of the %d events of the feed is %s, but GET /api/log/tree answers %s for the head", c.head, c.roots[c.head], head.Hash)
	}

	checkpoints := []tlog.Tree{}
	for _, path := range older {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		tree, err := c.openCheckpoint(data, verifier, "the checkpoint in "+path)
		if err != nil {
			return err
		}
		if tree.N > c.head {
			return disagree("the checkpoint in %s is at size %d, beyond the log's head %d", path, tree.N, c.head)
		}
		h, err := c.treeHash(tree.N)
		if err != nil {
			return err
		}
		if h != tree.Hash {
			return disagree("tlog.TreeHash of the first %d events of the feed is %s, but the checkpoint in %s says %s", tree.N, h, path, tree.Hash)
		}
		checkpoints = append(checkpoints, tree)
		c.olderChecked++
	}

	sizes := c.sampleSizes(checkpoints)
	for _, m := range sizes {
		if err := c.checkTreeSize(m); err != nil {
			return err
		}
	}

	// 4. Inclusion proofs of a sample of events in the checkpoint's tree, and a few in smaller trees.
	proofTampered := false
	for _, seq := range c.sampleEvents() {
		if err := c.checkInclusion(seq, c.size, &proofTampered); err != nil {
			return err
		}
	}
	for _, m := range sizes {
		if m == c.size {
			continue
		}
		for _, seq := range uniqueSorted([]int64{1, (m + 1) / 2, m}) {
			if err := c.checkInclusion(seq, m, &proofTampered); err != nil {
				return err
			}
		}
	}
	if c.tamper == "proof" && !proofTampered {
		return fmt.Errorf("-tamper proof: every inclusion proof fetched was empty (a log of one event); nothing to alter")
	}

	// 5. Consistency proofs: every sampled size to the checkpoint's, the checkpoint's to the head,
	// each earlier checkpoint to the latest, and between neighbouring sampled sizes.
	pairs := [][2]int64{}
	for _, m := range sizes {
		if m < c.size {
			pairs = append(pairs, [2]int64{m, c.size})
		}
	}
	if c.head > c.size {
		pairs = append(pairs, [2]int64{c.size, c.head})
	}
	for _, tree := range checkpoints {
		if tree.N <= c.size {
			pairs = append(pairs, [2]int64{tree.N, c.size})
		} else {
			pairs = append(pairs, [2]int64{c.size, tree.N})
		}
	}
	for i := 1; i < len(sizes); i++ {
		pairs = append(pairs, [2]int64{sizes[i-1], sizes[i]})
	}
	consistencyTampered := false
	for _, p := range pairs {
		if err := c.checkConsistency(p[0], p[1], &consistencyTampered); err != nil {
			return err
		}
	}
	if c.tamper == "consistency" && !consistencyTampered {
		return fmt.Errorf("-tamper consistency: every consistency proof fetched was empty; nothing to alter")
	}
	return nil
}

// tamperSignature flips one bit of the Ed25519 signature (not the key id) on the line signed by v;
// nil when no line is.
func (c *checker) tamperSignature(text []byte, v note.Verifier) []byte {
	lines := strings.SplitAfter(string(text), "\n")
	prefix := "\u2014 " + v.Name() + " "
	for i, line := range lines {
		if !strings.HasPrefix(line, prefix) {
			continue
		}
		sig, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(line[len(prefix):], "\n"))
		if err != nil || len(sig) != 4+64 {
			continue
		}
		c.flip(sig[4:], "the checkpoint's Ed25519 signature by "+v.Name())
		lines[i] = prefix + base64.StdEncoding.EncodeToString(sig) + "\n"
		return []byte(strings.Join(lines, ""))
	}
	return nil
}

// openCheckpoint checks a C2SP tlog-checkpoint's signature with note.Open and reads its size and
// root with tlog.ParseTree. ParseTree reads the sumdb form, whose first line is "go.sum database
// tree"; a C2SP checkpoint's first line is its origin instead (here the key's name), so the origin
// is checked and that line swapped before ParseTree reads the rest.
func (c *checker) openCheckpoint(text []byte, v note.Verifier, what string) (tlog.Tree, error) {
	n, err := note.Open(text, note.VerifierList(v))
	if err != nil {
		var unverified *note.UnverifiedNoteError
		if errors.As(err, &unverified) {
			return tlog.Tree{}, disagree("%s carries no signature by the key %s+%08x (note.Open: %v)", what, v.Name(), v.KeyHash(), err)
		}
		return tlog.Tree{}, disagree("note.Open refuses %s: %v", what, err)
	}
	origin, rest := n.Text, ""
	if i := strings.IndexByte(n.Text, '\n'); i >= 0 {
		origin, rest = n.Text[:i], n.Text[i+1:]
	}
	if origin != v.Name() {
		return tlog.Tree{}, disagree("%s names the origin %q, not the key's name %q", what, origin, v.Name())
	}
	if c.origin == "" {
		c.origin = origin
	}
	tree, err := tlog.ParseTree([]byte("go.sum database tree\n" + rest))
	if err != nil {
		return tlog.Tree{}, disagree("tlog.ParseTree refuses the body of %s (origin, size, base64 root): %v", what, err)
	}
	return tree, nil
}

// readFeed reads the chain hash of every event up to the head from GET /api/events.
func (c *checker) readFeed() error {
	type event struct {
		Seq  int64  `json:"seq"`
		Hash string `json:"hash"`
	}
	var after int64
	for after < c.head {
		path := fmt.Sprintf("/api/events?after=%d&limit=1000", after)
		var page []event
		if err := c.getJSON(path, &page); err != nil {
			return err
		}
		if len(page) == 0 {
			return disagree("GET %s is empty, but the log's head is %d events", path, c.head)
		}
		for _, e := range page {
			if e.Seq != after+1 {
				return disagree("GET %s gave event %d after event %d: the feed skips or repeats events", path, e.Seq, after)
			}
			after = e.Seq
			if after > c.head {
				break // written since the head was read
			}
			leaf, err := hex.DecodeString(e.Hash)
			if err != nil || len(leaf) != 32 {
				return disagree("event %d's hash %q in the feed is not 32 bytes of hex", e.Seq, e.Hash)
			}
			c.leaves = append(c.leaves, leaf)
		}
	}
	return nil
}

func (c *checker) reader() tlog.HashReader {
	return tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			if x < 0 || x >= int64(len(c.stored)) {
				return nil, fmt.Errorf("stored hash %d is not computed yet", x)
			}
			out[i] = c.stored[x]
		}
		return out, nil
	})
}

// storeHashes computes tlog's stored hashes of the whole feed, record by record.
func (c *checker) storeHashes() error {
	r := c.reader()
	for i, leaf := range c.leaves {
		if want := tlog.StoredHashIndex(0, int64(i)); want != int64(len(c.stored)) {
			return fmt.Errorf("stored hash index %d for record %d, %d hashes so far", want, i, len(c.stored))
		}
		hashes, err := tlog.StoredHashes(int64(i), leaf, r)
		if err != nil {
			return err
		}
		c.stored = append(c.stored, hashes...)
	}
	return nil
}

func (c *checker) treeHash(n int64) (tlog.Hash, error) {
	if h, ok := c.roots[n]; ok {
		return h, nil
	}
	h, err := tlog.TreeHash(n, c.reader())
	if err != nil {
		return tlog.Hash{}, err
	}
	c.roots[n] = h
	return h, nil
}

// sampleSizes: 1, 2, 3, every power of two and the size before and after it, up to the head; the
// sizes of the checkpoints; the head; and a few random sizes. Sorted, no repeats.
func (c *checker) sampleSizes(checkpoints []tlog.Tree) []int64 {
	sizes := []int64{1, 2, 3, c.size, c.head}
	if c.size > 1 {
		sizes = append(sizes, c.size-1)
	}
	for p := int64(4); p <= c.head; p *= 2 {
		sizes = append(sizes, p-1, p, p+1)
	}
	for _, t := range checkpoints {
		sizes = append(sizes, t.N)
	}
	for i := 0; i < 5; i++ {
		sizes = append(sizes, 1+c.rng.Int63n(c.head))
	}
	var in []int64
	for _, s := range uniqueSorted(sizes) {
		if s >= 1 && s <= c.head {
			in = append(in, s)
		}
	}
	return in
}

// sampleEvents: the first and last events of the checkpoint's tree, every power of two and the
// event after it, and c.samples random events. Sorted, no repeats.
func (c *checker) sampleEvents() []int64 {
	seqs := []int64{1, c.size}
	for p := int64(2); p <= c.size; p *= 2 {
		seqs = append(seqs, p, p+1)
	}
	for i := 0; i < c.samples; i++ {
		seqs = append(seqs, 1+c.rng.Int63n(c.size))
	}
	var in []int64
	for _, s := range uniqueSorted(seqs) {
		if s >= 1 && s <= c.size {
			in = append(in, s)
		}
	}
	return in
}

func (c *checker) checkTreeSize(m int64) error {
	got, err := c.tree(m)
	if err != nil {
		return err
	}
	if c.tamper == "root" && m == c.size {
		c.flip(got.Hash[:], fmt.Sprintf("the root GET /api/log/tree?size=%d answered", m))
	}
	want, err := c.treeHash(m)
	if err != nil {
		return err
	}
	if got.Hash != want {
		return disagree("GET /api/log/tree?size=%d answers root %s, but tlog.TreeHash of the first %d events of the feed is %s", m, got.Hash, m, want)
	}
	c.trees++
	return nil
}

// tree reads GET /api/log/tree (size < 0: the head).
func (c *checker) tree(size int64) (tlog.Tree, error) {
	path := "/api/log/tree"
	if size >= 0 {
		path += fmt.Sprintf("?size=%d", size)
	}
	var answer struct {
		Size *int64 `json:"size"`
		Root string `json:"root"`
	}
	if err := c.getJSON(path, &answer); err != nil {
		return tlog.Tree{}, err
	}
	if answer.Size == nil || (size >= 0 && *answer.Size != size) {
		return tlog.Tree{}, disagree("GET %s does not answer that size: %+v", path, answer)
	}
	root, err := parseHash(answer.Root)
	if err != nil {
		return tlog.Tree{}, disagree("GET %s: root %q is not a base64 SHA-256 hash", path, answer.Root)
	}
	return tlog.Tree{N: *answer.Size, Hash: root}, nil
}

func (c *checker) checkInclusion(seq, size int64, tampered *bool) error {
	path := fmt.Sprintf("/api/log/proof/inclusion?seq=%d&size=%d", seq, size)
	var answer struct {
		Seq      int64    `json:"seq"`
		Index    int64    `json:"index"`
		Size     int64    `json:"size"`
		Leaf     string   `json:"leaf"`
		LeafHash string   `json:"leaf_hash"`
		Root     string   `json:"root"`
		Proof    []string `json:"proof"`
	}
	if err := c.getJSON(path, &answer); err != nil {
		return err
	}
	if answer.Seq != seq || answer.Index != seq-1 || answer.Size != size {
		return disagree("GET %s answers seq %d, index %d, size %d", path, answer.Seq, answer.Index, answer.Size)
	}
	leaf := c.leaves[seq-1]
	if answer.Leaf != hex.EncodeToString(leaf) {
		return disagree("GET %s gives leaf %s, but event %d's chain hash in the feed is %x", path, answer.Leaf, seq, leaf)
	}
	record := tlog.RecordHash(leaf)
	if lh, err := parseHash(answer.LeafHash); err != nil || lh != record {
		return disagree("GET %s gives leaf_hash %s, but tlog.RecordHash of event %d's chain hash is %s", path, answer.LeafHash, seq, record)
	}
	root, err := c.treeHash(size)
	if err != nil {
		return err
	}
	if r, err := parseHash(answer.Root); err != nil || r != root {
		return disagree("GET %s gives root %s, but tlog.TreeHash of the first %d events is %s", path, answer.Root, size, root)
	}
	proof, err := parseProof(answer.Proof)
	if err != nil {
		return disagree("GET %s: %v", path, err)
	}
	if c.tamper == "proof" && !*tampered && len(proof) > 0 {
		*tampered = true
		i := c.rng.Intn(len(proof))
		c.flip(proof[i][:], fmt.Sprintf("hash %d of the inclusion proof of event %d in the tree of size %d", i, seq, size))
	}
	if err := tlog.CheckRecord(tlog.RecordProof(proof), size, root, seq-1, record); err != nil {
		return disagree("tlog.CheckRecord refuses the inclusion proof of event %d (record %d) in the tree of size %d with root %s: %v", seq, seq-1, size, root, err)
	}
	c.incl++
	return nil
}

func (c *checker) checkConsistency(from, to int64, tampered *bool) error {
	path := fmt.Sprintf("/api/log/proof/consistency?from=%d&to=%d", from, to)
	var answer struct {
		From    int64    `json:"from"`
		To      int64    `json:"to"`
		OldRoot string   `json:"old_root"`
		NewRoot string   `json:"new_root"`
		Proof   []string `json:"proof"`
	}
	if err := c.getJSON(path, &answer); err != nil {
		return err
	}
	if answer.From != from || answer.To != to {
		return disagree("GET %s answers from %d to %d", path, answer.From, answer.To)
	}
	oldRoot, err := c.treeHash(from)
	if err != nil {
		return err
	}
	newRoot, err := c.treeHash(to)
	if err != nil {
		return err
	}
	if r, err := parseHash(answer.OldRoot); err != nil || r != oldRoot {
		return disagree("GET %s gives old_root %s, but tlog.TreeHash of the first %d events is %s", path, answer.OldRoot, from, oldRoot)
	}
	if r, err := parseHash(answer.NewRoot); err != nil || r != newRoot {
		return disagree("GET %s gives new_root %s, but tlog.TreeHash of the first %d events is %s", path, answer.NewRoot, to, newRoot)
	}
	proof, err := parseProof(answer.Proof)
	if err != nil {
		return disagree("GET %s: %v", path, err)
	}
	if c.tamper == "consistency" && !*tampered && len(proof) > 0 {
		*tampered = true
		i := c.rng.Intn(len(proof))
		c.flip(proof[i][:], fmt.Sprintf("hash %d of the consistency proof from size %d to %d", i, from, to))
	}
	if err := tlog.CheckTree(tlog.TreeProof(proof), to, newRoot, from, oldRoot); err != nil {
		return disagree("tlog.CheckTree refuses the consistency proof from size %d (root %s) to size %d (root %s): %v", from, oldRoot, to, newRoot, err)
	}
	c.cons++
	return nil
}

func (c *checker) get(path string) (int, []byte, error) {
	resp, err := c.client.Get(c.base + path)
	if err != nil {
		return 0, nil, fmt.Errorf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return 0, nil, fmt.Errorf("GET %s: %v", path, err)
	}
	return resp.StatusCode, body, nil
}

func (c *checker) getJSON(path string, into interface{}) error {
	status, body, err := c.get(path)
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		return disagree("GET %s answered %d: %s", path, status, firstLine(body))
	}
	if err := json.Unmarshal(body, into); err != nil {
		return disagree("GET %s is not the JSON expected: %v", path, err)
	}
	return nil
}

func parseHash(s string) (tlog.Hash, error) {
	return tlog.ParseHash(s) // base64 of 32 bytes, as tlog.Hash.String writes it
}

func parseProof(list []string) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(list))
	for i, s := range list {
		h, err := parseHash(s)
		if err != nil {
			return nil, fmt.Errorf("proof hash %d %q is not a base64 SHA-256 hash", i, s)
		}
		out[i] = h
	}
	return out, nil
}

func uniqueSorted(in []int64) []int64 {
	sort.Slice(in, func(i, j int) bool { return in[i] < in[j] })
	out := in[:0]
	for i, v := range in {
		if i == 0 || v != in[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	if len(b) > 200 {
		b = b[:200]
	}
	return string(b)
}
