# The comparison of docs/ONEDNN.md in PyTorch: every conv2d shape forward and backward in single against double
# precision, with oneDNN on and off. Usage: /usr/bin/python3 eng/bench/conv_kernel_check.py
import torch
torch.set_num_threads(1)
torch.manual_seed(1)
bad=0; total=0
def run(enabled):
    global bad,total
    torch.backends.mkldnn.enabled=enabled
    bad=0; total=0
    for ci in [1,2,3,4,8,12,16,24,36,48,72]:
        for co in [2,4,8,12,24,48,96]:
            for hw in [28,14,7]:
                for s in [1,2]:
                    x=torch.rand(8,ci,hw,hw,dtype=torch.float64); w=torch.randn(co,ci,3,3,dtype=torch.float64)*0.3
                    o=(hw+2-3)//s+1; g=torch.randn(8,co,o,o,dtype=torch.float64)
                    res=[]
                    for t in [torch.float32, torch.float64]:
                        xx=x.to(t).requires_grad_(); ww=w.to(t).requires_grad_()
                        y=torch.nn.functional.conv2d(xx,ww,stride=s,padding=1); y.backward(g.to(t))
                        res.append([y.detach().double(), xx.grad.double(), ww.grad.double()])
                    err=max(((a-b).abs().max()/b.abs().max()).item() for a,b in zip(*res))
                    total+=1
                    if not err<=1e-4: bad+=1
    print(f"PyTorch {torch.__version__} mkldnn enabled={enabled}: {bad} of {total} conv configurations wrong")
run(True); run(False)
