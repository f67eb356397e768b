#!/usr/bin/env python3
"""The parameter search behind Persona's relevance (README: Decision quality on real data), on a validation cut.

A model of the engine's relevance (decide/Candidates) in plain Python, fast enough for a grid: a bought product
scores the (basket-decayed) share of the customer's baskets that held it, a new product gamma times its co-purchase
neighbours among the customer's products (cosine over decayed basket counts, 20 neighbours per product), every
product beta times its popularity relative to the most bought (decayed baskets, 30-day half-life). Profiles are built
from purchases before CUT and scored against purchases from CUT to UNTIL; the reported cut is never read.

  python3 scripts/relevance-grid.py [FILE]     (Online Retail by default; about 10 minutes on 2 cores)
The engine's own figures at the chosen point come from scripts/evaluate.sh with the same CUT and UNTIL.
"""
import collections, csv, datetime, functools, gzip, math, os, sys

FILE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__),
                                                            '../../shared/data/online-retail/online_retail.csv.gz')
CUT, UNTIL = '2011-09-01T00:00:00', '2011-11-02T12:20:00'
rows=[]
with gzip.open(FILE,'rt') as f:
    r=csv.reader(f); next(r)
    for inv,code,desc,q,t,p,c,country in r:
        if not c or int(q)<=0 or float(p)<=0: continue
        rows.append((t[:19],c,inv,code))
rows.sort()
def ts(x): return datetime.datetime.fromisoformat(x).timestamp()
@functools.lru_cache(maxsize=4)
def train(T,END,hl=30,nmax=20):
    baskets={}
    after=collections.defaultdict(set)
    for t,c,inv,code in rows:
        if t<T: baskets.setdefault((c,inv),[t,set()])[1].add(code)
        elif t<END: after[c].add(code)
    cb=collections.defaultdict(list)
    co=collections.defaultdict(collections.Counter); popd=collections.Counter(); Tt=ts(T)
    for (c,inv),(t,items) in sorted(baskets.items(), key=lambda kv:kv[1][0]):
        cb[c].append(items)
        w=0.5**((Tt-ts(t))/86400/hl)
        for i in items: popd[i]+=w
        if len(items)>1:
            x=w/(len(items)-1)
            for a in items:
                for b in items:
                    if a!=b: co[a][b]+=x
    nb={j:cnt.most_common(nmax) for j,cnt in co.items()}
    ret=[c for c in sorted(cb) if c in after]
    return cb,after,popd,nb,ret
def run(T,END,d,beta,gamma,k=10,disc=False,seeds=1000,show=True):
    cb,after,pop,nb,ret=train(T,END)
    pm=max(pop.values()); toppop=[i for i,_ in pop.most_common(200)]
    hits=prec=newh=0; cov=set()
    for c in ret:
        bl=cb[c]; N=len(bl); R=collections.Counter()
        for j,items in enumerate(bl):
            w=d**(N-1-j)
            for i in items: R[i]+=w
        B=sum(d**j for j in range(N))
        s={} if disc else {i:v/B+beta*pop[i]/pm for i,v in R.items()}
        X=collections.Counter(); src={}
        for j,v in R.most_common(seeds):
            for i,w in nb.get(j,()):
                if i in R: continue
                X[i]+=(v/B)*w/math.sqrt(pop[i]*pop[j])
        for i,x in X.items(): s[i]=gamma*x+beta*pop[i]/pm
        for i in toppop:
            if len(s)>=k+len(R) and not disc: break
            if i not in s and i not in R: s[i]=beta*pop[i]/pm
        top=sorted(s,key=lambda i:(-s[i],i))[:k]; cov.update(top)
        b=after[c]; h=sum(i in b for i in top)
        hits+=h>0; prec+=h/k; newh+=any(i in b and i not in R for i in top)
    n=len(ret); res=(hits/n,prec/n,newh/n,len(cov))
    if show: print(f"{T} d={d} beta={beta} gamma={gamma} disc={disc} seeds={seeds} n={n} hit={res[0]:.3f} prec={res[1]:.3f} new={res[2]:.3f} cov={res[3]}",flush=True)
    return res


if __name__ == '__main__':
    print(f'validation cut: profiles before {CUT}, scored on purchases from then until {UNTIL}; k = 10', flush=True)
    run(CUT, UNTIL, 1.0, 0.0, 0.0)
    for d in (1.0, 0.98, 0.95, 0.9):
        for beta in (0.005, 0.02, 0.05, 0.1):
            for gamma in (0.0, 0.3, 1.0, 3.0):
                run(CUT, UNTIL, d, beta, gamma)
    for gamma in (0.3, 1.0, 3.0):
        for seeds in (10, 1000):
            run(CUT, UNTIL, 1.0, 0.02, gamma, disc=True, seeds=seeds)
