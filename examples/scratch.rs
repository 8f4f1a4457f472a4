//! scratch
use directives::document::DocSymbol;
fn main() {
    for line in std::io::stdin().lines() {
        let line = line.unwrap();
        match DocSymbol::parse(&line) {
            Ok(s) => println!("{line}\tOK\t{:?} {:?} {:?} {:?} {:?}", s.system(), s.kinds(), s.issuer(), s.units(), s.irregularity()),
            Err(e) => println!("{line}\tERR\t{e}"),
        }
        match DocSymbol::parse_lenient(&line) {
            Ok((s, c)) => println!("   lenient {s} {:?}", c.iter().map(|c| c.to_string()).collect::<Vec<_>>()),
            Err(e) => println!("   lenient ERR {e}"),
        }
    }
}
