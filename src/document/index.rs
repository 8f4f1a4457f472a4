//! The reference graph of a set of documents.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet, VecDeque};

use chrono::NaiveDate;

use super::{DocKey, DocSymbol, Document, DocumentError, Reference};

/// A set of documents keyed by symbol and date, and the graph of their references.
///
/// References are resolved when asked: a dated reference names the document with that
/// symbol and date; an undated one the only document with that symbol. A reference that
/// names no document of the index is *unresolved* (a leaf of the graph, listed by
/// [`DocumentIndex::unresolved`]); one that names several is an error.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::document::{DocKey, DocSymbol, Document, DocumentIndex, Relation};
///
/// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
/// let kl = Document::builder(DocSymbol::parse("114-KL/TW")?, date(2015, 7, 14)?).build()?;
/// let letter = Document::builder(DocSymbol::parse("1470-CV/TU")?, date(2024, 2, 22)?)
///     .reference(Relation::Implements, kl.key())
///     .reference(Relation::Cites, DocKey::undated(DocSymbol::parse("33/2021/CT-TTg")?))
///     .build()?;
/// let index = DocumentIndex::from_documents([kl.clone(), letter.clone()])?;
/// assert_eq!(index.basis(&letter.key())?.len(), 2);
/// assert_eq!(index.unresolved()?.len(), 1);
/// assert!(index.cycles()?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct DocumentIndex {
    docs: Vec<Document>,
    // INVARIANT (by-symbol): maps each symbol to the positions in `docs` of the documents
    // with that symbol (the first inserted, and the others by issue date); no two of them
    // share an issue date.
    by_symbol: HashMap<DocSymbol, Slot>,
}

/// The documents of one symbol: most symbols have one, so the others' map stays empty
/// (and unallocated). Inserting and finding cost O(1), whatever the number of documents
/// with one symbol.
#[derive(Debug, Clone)]
struct Slot {
    first: usize,
    others: HashMap<NaiveDate, usize>,
}

/// Where a reference leads.
#[derive(Debug, Clone, Copy)]
enum Edge<'a> {
    Doc(usize),
    Unresolved(&'a Reference),
}

impl DocumentIndex {
    /// An empty index.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocumentIndex;
    ///
    /// assert!(DocumentIndex::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> DocumentIndex {
        DocumentIndex::default()
    }

    /// An index of the given documents.
    ///
    /// # Errors
    ///
    /// [`DocumentError::DuplicateDocument`] if two documents have the same key.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocSymbol, Document, DocumentIndex};
    ///
    /// let doc = Document::builder(DocSymbol::parse("23-QĐ/TW")?, NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let err = DocumentIndex::from_documents([doc.clone(), doc]).unwrap_err();
    /// assert_eq!(err.to_string(), "duplicate document `23-QĐ/TW (2021-07-30)`");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_documents(
        documents: impl IntoIterator<Item = Document>,
    ) -> Result<DocumentIndex, DocumentError> {
        let mut index = DocumentIndex::new();
        for doc in documents {
            index.insert(doc)?;
        }
        Ok(index)
    }

    /// Adds a document.
    ///
    /// # Errors
    ///
    /// [`DocumentError::DuplicateDocument`] if a document with the same key is present.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocSymbol, Document, DocumentIndex};
    ///
    /// // Two directives share the symbol `16/CT-TTg`; their dates tell them apart.
    /// let s = DocSymbol::parse("16/CT-TTg")?;
    /// let mut index = DocumentIndex::new();
    /// index.insert(Document::builder(s.clone(), NaiveDate::from_ymd_opt(2020, 3, 31).ok_or("date")?).build()?)?;
    /// index.insert(Document::builder(s, NaiveDate::from_ymd_opt(2022, 9, 20).ok_or("date")?).build()?)?;
    /// assert_eq!(index.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn insert(&mut self, document: Document) -> Result<(), DocumentError> {
        let position = self.docs.len();
        match self.by_symbol.entry(document.symbol().clone()) {
            Entry::Vacant(entry) => {
                entry.insert(Slot {
                    first: position,
                    others: HashMap::new(),
                });
            }
            Entry::Occupied(mut entry) => {
                let slot = entry.get_mut();
                let date = document.issued();
                // INVARIANT (by-symbol): no two documents share symbol and date.
                let first_date = self.docs.get(slot.first).map(Document::issued);
                if first_date == Some(date) || slot.others.contains_key(&date) {
                    return Err(DocumentError::DuplicateDocument {
                        key: document.key(),
                    });
                }
                slot.others.insert(date, position);
            }
        }
        self.docs.push(document);
        Ok(())
    }

    /// The number of documents.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol, Document, DocumentIndex, Relation};
    ///
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let reg = Document::builder(DocSymbol::parse("23-QĐ/TW")?, date(2021, 7, 30)?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let local = Document::builder(DocSymbol::parse("763-QĐ/TU")?, date(2021, 10, 15)?).title("Ban hành Quy chế công tác dân vận")
    ///     .reference(Relation::Implements, reg.key())
    ///     .build()?;
    /// let letter = Document::builder(DocSymbol::parse("1470-CV/TU")?, date(2024, 2, 22)?)
    ///     .reference(Relation::Implements, local.key())
    ///     .reference(Relation::Cites, DocKey::undated(DocSymbol::parse("114-KL/TW")?))
    ///     .build()?;
    /// let index = DocumentIndex::from_documents([reg.clone(), local.clone(), letter.clone()])?;
    /// assert_eq!(index.len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether the index holds no document.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol, Document, DocumentIndex, Relation};
    ///
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let reg = Document::builder(DocSymbol::parse("23-QĐ/TW")?, date(2021, 7, 30)?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let local = Document::builder(DocSymbol::parse("763-QĐ/TU")?, date(2021, 10, 15)?).title("Ban hành Quy chế công tác dân vận")
    ///     .reference(Relation::Implements, reg.key())
    ///     .build()?;
    /// let letter = Document::builder(DocSymbol::parse("1470-CV/TU")?, date(2024, 2, 22)?)
    ///     .reference(Relation::Implements, local.key())
    ///     .reference(Relation::Cites, DocKey::undated(DocSymbol::parse("114-KL/TW")?))
    ///     .build()?;
    /// let index = DocumentIndex::from_documents([reg.clone(), local.clone(), letter.clone()])?;
    /// assert!(!index.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The documents, in insertion order.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol, Document, DocumentIndex, Relation};
    ///
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let reg = Document::builder(DocSymbol::parse("23-QĐ/TW")?, date(2021, 7, 30)?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let local = Document::builder(DocSymbol::parse("763-QĐ/TU")?, date(2021, 10, 15)?).title("Ban hành Quy chế công tác dân vận")
    ///     .reference(Relation::Implements, reg.key())
    ///     .build()?;
    /// let letter = Document::builder(DocSymbol::parse("1470-CV/TU")?, date(2024, 2, 22)?)
    ///     .reference(Relation::Implements, local.key())
    ///     .reference(Relation::Cites, DocKey::undated(DocSymbol::parse("114-KL/TW")?))
    ///     .build()?;
    /// let index = DocumentIndex::from_documents([reg.clone(), local.clone(), letter.clone()])?;
    /// let symbols: Vec<&str> = index.iter().map(|d| d.symbol().as_str()).collect();
    /// assert_eq!(symbols, ["23-QĐ/TW", "763-QĐ/TU", "1470-CV/TU"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Document> {
        self.docs.iter()
    }

    /// The position of the document a key names, `None` if none.
    fn find(&self, key: &DocKey) -> Result<Option<usize>, DocumentError> {
        let Some(slot) = self.by_symbol.get(key.symbol()) else {
            return Ok(None);
        };
        match key.date() {
            Some(date) => {
                let first_date = self.docs.get(slot.first).map(Document::issued);
                Ok(if first_date == Some(date) {
                    Some(slot.first)
                } else {
                    slot.others.get(&date).copied()
                })
            }
            None if slot.others.is_empty() => Ok(Some(slot.first)),
            None => Err(DocumentError::AmbiguousReference {
                key: key.clone(),
                count: 1 + slot.others.len(),
            }),
        }
    }

    /// The document a key names, if exactly one does.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol, Document, DocumentIndex};
    ///
    /// let doc = Document::builder(DocSymbol::parse("23-QĐ/TW")?, NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let index = DocumentIndex::from_documents([doc])?;
    /// assert!(index.get(&DocKey::undated(DocSymbol::parse("23-QĐ/TW")?)).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn get(&self, key: &DocKey) -> Option<&Document> {
        self.find(key).ok().flatten().and_then(|i| self.docs.get(i))
    }

    /// The document a key names.
    ///
    /// # Errors
    ///
    /// [`DocumentError::UnknownDocument`] if no document matches the key;
    /// [`DocumentError::AmbiguousReference`] if the key has no date and several do.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol, Document, DocumentIndex};
    ///
    /// let s = DocSymbol::parse("16/CT-TTg")?;
    /// let index = DocumentIndex::from_documents([
    ///     Document::builder(s.clone(), NaiveDate::from_ymd_opt(2020, 3, 31).ok_or("date")?).build()?,
    ///     Document::builder(s.clone(), NaiveDate::from_ymd_opt(2022, 9, 20).ok_or("date")?).build()?,
    /// ])?;
    /// let err = index.resolve(&DocKey::undated(s)).unwrap_err();
    /// assert_eq!(err.to_string(), "document `16/CT-TTg` is ambiguous: 2 documents have that symbol; give the date");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resolve(&self, key: &DocKey) -> Result<&Document, DocumentError> {
        let i = self.position(key)?;
        // INVARIANT (by-symbol): `find` yields positions of `docs` only.
        self.docs
            .get(i)
            .ok_or_else(|| DocumentError::UnknownDocument { key: key.clone() })
    }

    fn position(&self, key: &DocKey) -> Result<usize, DocumentError> {
        self.find(key)?
            .ok_or_else(|| DocumentError::UnknownDocument { key: key.clone() })
    }

    /// Where the references of the document at `i` lead.
    fn edges_of(&self, i: usize) -> Result<Vec<Edge<'_>>, DocumentError> {
        self.docs
            .get(i)
            .map(Document::references)
            .unwrap_or_default()
            .iter()
            .map(|r| {
                Ok(match self.find(r.target())? {
                    Some(j) => Edge::Doc(j),
                    None => Edge::Unresolved(r),
                })
            })
            .collect()
    }

    /// The resolved edges of the whole graph, as adjacency lists of positions.
    fn graph(&self) -> Result<Vec<Vec<usize>>, DocumentError> {
        (0..self.docs.len())
            .map(|i| {
                Ok(self
                    .edges_of(i)?
                    .into_iter()
                    .filter_map(|e| match e {
                        Edge::Doc(j) => Some(j),
                        Edge::Unresolved(_) => None,
                    })
                    .collect())
            })
            .collect()
    }

    /// What a document rests on, transitively: every document reached by following its
    /// references, nearest first, with unresolved references as given.
    ///
    /// # Errors
    ///
    /// [`DocumentError::UnknownDocument`] or [`DocumentError::AmbiguousReference`] if the
    /// key, or a reference on the way, does not name one document.
    ///
    /// # Example
    ///
    /// See [`DocumentIndex`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol, Document, DocumentIndex, Relation};
    ///
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let reg = Document::builder(DocSymbol::parse("23-QĐ/TW")?, date(2021, 7, 30)?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let local = Document::builder(DocSymbol::parse("763-QĐ/TU")?, date(2021, 10, 15)?).title("Ban hành Quy chế công tác dân vận")
    ///     .reference(Relation::Implements, reg.key())
    ///     .build()?;
    /// let letter = Document::builder(DocSymbol::parse("1470-CV/TU")?, date(2024, 2, 22)?)
    ///     .reference(Relation::Implements, local.key())
    ///     .reference(Relation::Cites, DocKey::undated(DocSymbol::parse("114-KL/TW")?))
    ///     .build()?;
    /// let index = DocumentIndex::from_documents([reg.clone(), local.clone(), letter.clone()])?;
    /// let basis: Vec<String> = index.basis(&letter.key())?.iter().map(ToString::to_string).collect();
    /// assert_eq!(basis, ["763-QĐ/TU (2021-10-15)", "114-KL/TW", "23-QĐ/TW (2021-07-30)"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn basis(&self, key: &DocKey) -> Result<Vec<DocKey>, DocumentError> {
        let start = self.position(key)?;
        let mut seen = HashSet::from([start]);
        let mut unresolved = HashSet::new();
        let mut queue = VecDeque::from([start]);
        let mut out = Vec::new();
        while let Some(i) = queue.pop_front() {
            for edge in self.edges_of(i)? {
                match edge {
                    Edge::Doc(j) => {
                        if seen.insert(j) {
                            out.extend(self.docs.get(j).map(Document::key));
                            queue.push_back(j);
                        }
                    }
                    Edge::Unresolved(r) => {
                        if unresolved.insert(r.target()) {
                            out.push(r.target().clone());
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// What rests on a document, transitively: every document whose references lead to
    /// it, nearest first.
    ///
    /// # Errors
    ///
    /// [`DocumentError::UnknownDocument`] if the key names no document;
    /// [`DocumentError::AmbiguousReference`] if the key or any reference in the index
    /// names several.
    ///
    /// # Example
    ///
    /// See [`DocumentIndex`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol, Document, DocumentIndex, Relation};
    ///
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let reg = Document::builder(DocSymbol::parse("23-QĐ/TW")?, date(2021, 7, 30)?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let local = Document::builder(DocSymbol::parse("763-QĐ/TU")?, date(2021, 10, 15)?).title("Ban hành Quy chế công tác dân vận")
    ///     .reference(Relation::Implements, reg.key())
    ///     .build()?;
    /// let letter = Document::builder(DocSymbol::parse("1470-CV/TU")?, date(2024, 2, 22)?)
    ///     .reference(Relation::Implements, local.key())
    ///     .reference(Relation::Cites, DocKey::undated(DocSymbol::parse("114-KL/TW")?))
    ///     .build()?;
    /// let index = DocumentIndex::from_documents([reg.clone(), local.clone(), letter.clone()])?;
    /// assert_eq!(index.dependents(&reg.key())?, [local.key(), letter.key()]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dependents(&self, key: &DocKey) -> Result<Vec<DocKey>, DocumentError> {
        let start = self.position(key)?;
        let graph = self.graph()?;
        let mut reverse = vec![Vec::new(); graph.len()];
        for (i, targets) in graph.iter().enumerate() {
            for j in targets {
                if let Some(list) = reverse.get_mut(*j) {
                    list.push(i);
                }
            }
        }
        let mut seen = HashSet::from([start]);
        let mut queue = VecDeque::from([start]);
        let mut out = Vec::new();
        while let Some(i) = queue.pop_front() {
            for j in reverse.get(i).into_iter().flatten() {
                if seen.insert(*j) {
                    out.extend(self.docs.get(*j).map(Document::key));
                    queue.push_back(*j);
                }
            }
        }
        Ok(out)
    }

    /// The references that name no document of the index, with the document that makes
    /// each, in insertion order.
    ///
    /// # Errors
    ///
    /// [`DocumentError::AmbiguousReference`] if a reference names several documents.
    ///
    /// # Example
    ///
    /// See [`DocumentIndex`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol, Document, DocumentIndex, Relation};
    ///
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let reg = Document::builder(DocSymbol::parse("23-QĐ/TW")?, date(2021, 7, 30)?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let local = Document::builder(DocSymbol::parse("763-QĐ/TU")?, date(2021, 10, 15)?).title("Ban hành Quy chế công tác dân vận")
    ///     .reference(Relation::Implements, reg.key())
    ///     .build()?;
    /// let letter = Document::builder(DocSymbol::parse("1470-CV/TU")?, date(2024, 2, 22)?)
    ///     .reference(Relation::Implements, local.key())
    ///     .reference(Relation::Cites, DocKey::undated(DocSymbol::parse("114-KL/TW")?))
    ///     .build()?;
    /// let index = DocumentIndex::from_documents([reg.clone(), local.clone(), letter.clone()])?;
    /// let unresolved = index.unresolved()?;
    /// assert_eq!(unresolved.len(), 1);
    /// assert_eq!(unresolved[0].1.to_string(), "cites 114-KL/TW");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unresolved(&self) -> Result<Vec<(&Document, &Reference)>, DocumentError> {
        let mut out = Vec::new();
        for (i, doc) in self.docs.iter().enumerate() {
            for edge in self.edges_of(i)? {
                if let Edge::Unresolved(r) = edge {
                    out.push((doc, r));
                }
            }
        }
        Ok(out)
    }

    /// The reference cycles: one path per strongly connected group of documents, starting
    /// and ending at the group's first document in insertion order.
    ///
    /// # Errors
    ///
    /// [`DocumentError::AmbiguousReference`] if a reference names several documents.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol, Document, DocumentIndex, Relation};
    ///
    /// let date = NaiveDate::from_ymd_opt(2024, 1, 2).ok_or("date")?;
    /// let a = DocSymbol::parse("1/QĐ-UBND")?;
    /// let b = DocSymbol::parse("2/QĐ-UBND")?;
    /// let index = DocumentIndex::from_documents([
    ///     Document::builder(a.clone(), date).reference(Relation::Amends, DocKey::undated(b.clone())).build()?,
    ///     Document::builder(b, date).reference(Relation::Amends, DocKey::undated(a)).build()?,
    /// ])?;
    /// let err = index.check_acyclic().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "reference cycle: `1/QĐ-UBND (2024-01-02)` → `2/QĐ-UBND (2024-01-02)` → `1/QĐ-UBND (2024-01-02)`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cycles(&self) -> Result<Vec<Vec<DocKey>>, DocumentError> {
        let graph = self.graph()?;
        let mut out = Vec::new();
        for group in strongly_connected(&graph) {
            let Some(path) = cycle_in(&graph, &group) else {
                continue;
            };
            out.push(
                path.into_iter()
                    .filter_map(|i| self.docs.get(i).map(Document::key))
                    .collect(),
            );
        }
        out.sort();
        Ok(out)
    }

    /// Checks that references form no cycle.
    ///
    /// # Errors
    ///
    /// [`DocumentError::Cycle`] with the first cycle found (see
    /// [`DocumentIndex::cycles`]); [`DocumentError::AmbiguousReference`] if a reference
    /// names several documents.
    ///
    /// # Example
    ///
    /// See [`DocumentIndex::cycles`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol, Document, DocumentIndex, Relation};
    ///
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let reg = Document::builder(DocSymbol::parse("23-QĐ/TW")?, date(2021, 7, 30)?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let local = Document::builder(DocSymbol::parse("763-QĐ/TU")?, date(2021, 10, 15)?).title("Ban hành Quy chế công tác dân vận")
    ///     .reference(Relation::Implements, reg.key())
    ///     .build()?;
    /// let letter = Document::builder(DocSymbol::parse("1470-CV/TU")?, date(2024, 2, 22)?)
    ///     .reference(Relation::Implements, local.key())
    ///     .reference(Relation::Cites, DocKey::undated(DocSymbol::parse("114-KL/TW")?))
    ///     .build()?;
    /// let index = DocumentIndex::from_documents([reg.clone(), local.clone(), letter.clone()])?;
    /// index.check_acyclic()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_acyclic(&self) -> Result<(), DocumentError> {
        match self.cycles()?.into_iter().next() {
            Some(path) => Err(DocumentError::Cycle { path }),
            None => Ok(()),
        }
    }
}

impl<'a> IntoIterator for &'a DocumentIndex {
    type Item = &'a Document;
    type IntoIter = std::slice::Iter<'a, Document>;

    fn into_iter(self) -> Self::IntoIter {
        self.docs.iter()
    }
}

/// The strongly connected groups of a graph (Tarjan's algorithm, iterative), each sorted.
fn strongly_connected(graph: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = graph.len();
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut groups = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if order.get(root) != Some(&UNSEEN) {
            continue;
        }
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        visit(
            root,
            &mut counter,
            &mut order,
            &mut low,
            &mut on_stack,
            &mut stack,
        );
        while let Some(&(v, pos)) = calls.last() {
            let next = graph.get(v).and_then(|targets| targets.get(pos)).copied();
            if let Some(w) = next {
                if let Some(top) = calls.last_mut() {
                    top.1 += 1;
                }
                if order.get(w) == Some(&UNSEEN) {
                    visit(
                        w,
                        &mut counter,
                        &mut order,
                        &mut low,
                        &mut on_stack,
                        &mut stack,
                    );
                    calls.push((w, 0));
                } else if on_stack.get(w) == Some(&true) {
                    let ow = order.get(w).copied().unwrap_or(UNSEEN);
                    if let Some(lv) = low.get_mut(v) {
                        *lv = (*lv).min(ow);
                    }
                }
                continue;
            }
            calls.pop();
            let lv = low.get(v).copied().unwrap_or(0);
            if let Some(&(u, _)) = calls.last()
                && let Some(lu) = low.get_mut(u)
            {
                *lu = (*lu).min(lv);
            }
            if Some(&lv) == order.get(v) {
                let mut group = Vec::new();
                while let Some(w) = stack.pop() {
                    if let Some(flag) = on_stack.get_mut(w) {
                        *flag = false;
                    }
                    group.push(w);
                    if w == v {
                        break;
                    }
                }
                group.sort_unstable();
                groups.push(group);
            }
        }
    }
    groups
}

fn visit(
    v: usize,
    counter: &mut usize,
    order: &mut [usize],
    low: &mut [usize],
    on_stack: &mut [bool],
    stack: &mut Vec<usize>,
) {
    if let (Some(o), Some(l), Some(s)) = (order.get_mut(v), low.get_mut(v), on_stack.get_mut(v)) {
        *o = *counter;
        *l = *counter;
        *s = true;
    }
    *counter += 1;
    stack.push(v);
}

/// A cycle through the group's first member, inside the group: `[s, …, s]`, or `None` if
/// the group is a single document without a reference to itself.
fn cycle_in(graph: &[Vec<usize>], group: &[usize]) -> Option<Vec<usize>> {
    let &start = group.first()?;
    let members: HashSet<usize> = group.iter().copied().collect();
    let mut parent: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in graph.get(v).into_iter().flatten() {
            if w == start {
                let mut path = vec![start, v];
                let mut at = v;
                while at != start {
                    at = *parent.get(&at)?;
                    path.push(at);
                }
                path.reverse();
                return Some(path);
            }
            if members.contains(&w) && !parent.contains_key(&w) {
                parent.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tarjan_finds_groups() {
        // 0 → 1 → 2 → 0, 2 → 3, 3 → 3 (self-loop), 4 alone
        let graph = vec![vec![1], vec![2], vec![0, 3], vec![3], vec![]];
        let mut groups = strongly_connected(&graph);
        groups.sort();
        assert_eq!(groups, vec![vec![0, 1, 2], vec![3], vec![4]]);
        assert_eq!(cycle_in(&graph, &[0, 1, 2]), Some(vec![0, 1, 2, 0]));
        assert_eq!(cycle_in(&graph, &[3]), Some(vec![3, 3]));
        assert_eq!(cycle_in(&graph, &[4]), None);
    }
}
