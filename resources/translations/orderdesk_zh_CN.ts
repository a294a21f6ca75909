<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AdjustDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="94" />
      <source>e.g. stock count, damaged, found</source>
      <translation>例如：盘点、损坏、找到</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="96" />
      <source>On hand now:</source>
      <translation>当前库存：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="97" />
      <source>Reserved for orders:</source>
      <translation>订单已预留：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="98" />
      <source>&amp;Counted quantity:</source>
      <translation>盘点数量(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="99" />
      <source>&amp;Reason (required):</source>
      <translation>原因（必填）(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="100" />
      <source>Adjust stock</source>
      <translation>调整库存</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="106" />
      <source>Say why the stock is adjusted.</source>
      <translation>请说明调整库存的原因。</translation>
    </message>
  </context>
  <context>
    <name>AdminPage</name>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="157" />
      <source>Administrator</source>
      <translation>管理员</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="158" />
      <source>The first user: sets up users, printers and settings.</source>
      <translation>第一个用户：负责设置用户、打印机和各项设置。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="168" />
      <source>User &amp;name:</source>
      <translation>用户名(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="169" />
      <source>&amp;Password:</source>
      <translation>密码(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="170" />
      <source>&amp;Repeat password:</source>
      <translation>再次输入密码(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="176" />
      <source>Enter a user name.</source>
      <translation>请输入用户名。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../app/ui/dialogs/first_run.py" line="178" />
      <source>The password needs at least %n characters.</source>
      <translation>
        <numerusform>密码至少需要 %n 个字符。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="180" />
      <source>The two passwords are not the same.</source>
      <translation>两次输入的密码不一致。</translation>
    </message>
  </context>
  <context>
    <name>AgeingTableModel</name>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="108" />
      <source>Code</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="108" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="108" />
      <source>Current</source>
      <translation>未到期</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="109" />
      <source>1–30</source>
      <translation>1–30 天</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="109" />
      <source>31–60</source>
      <translation>31–60 天</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="109" />
      <source>61–90</source>
      <translation>61–90 天</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="109" />
      <source>90+</source>
      <translation>90 天以上</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="110" />
      <source>Outstanding</source>
      <translation>未收款</translation>
    </message>
  </context>
  <context>
    <name>AllocationDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/allocation.py" line="25" />
      <source>Not enough stock</source>
      <translation>库存不足</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/allocation.py" line="29" />
      <source>Line</source>
      <translation>行</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/allocation.py" line="29" />
      <source>Wanted</source>
      <translation>需要</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/allocation.py" line="29" />
      <source>Available</source>
      <translation>可用</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/allocation.py" line="30" />
      <source>What to do</source>
      <translation>处理方式</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/allocation.py" line="39" />
      <source>Ship {n} now, backorder {m}</source>
      <translation>先发 {n} 件，其余 {m} 件缺货待补</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/allocation.py" line="42" />
      <source>Wait for all {n}</source>
      <translation>等全部 {n} 件到齐</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/allocation.py" line="44" />
      <source>Cancel this line</source>
      <translation>取消此行</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/allocation.py" line="46" />
      <source>Substitute {sku} ({n} available)</source>
      <translation>用 {sku} 替代（可用 {n}）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/allocation.py" line="51" />
      <source>Take from {wh} ({n} available)</source>
      <translation>从 {wh} 调货（可用 {n}）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/allocation.py" line="58" />
      <source>Confirm order</source>
      <translation>确认订单</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/allocation.py" line="62" />
      <source>Some lines cannot be fully reserved. Choose for each:</source>
      <translation>部分订单行无法全部预留库存，请逐行选择：</translation>
    </message>
  </context>
  <context>
    <name>ComingSoonView</name>
    <message>
      <location filename="../../app/ui/views/placeholder.py" line="12" />
      <source>%1 — coming soon</source>
      <translation>%1 — 即将推出</translation>
    </message>
  </context>
  <context>
    <name>CompanyPage</name>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="49" />
      <source>Your company</source>
      <translation>贵公司</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="50" />
      <source>Printed on packing slips, invoices and statements.</source>
      <translation>打印在装箱单、发票和对账单上。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="62" />
      <source>Company &amp;name:</source>
      <translation>公司名称(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="63" />
      <source>&amp;Address:</source>
      <translation>地址(&amp;A)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="64" />
      <source>&amp;Phone:</source>
      <translation>电话(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="65" />
      <source>&amp;E-mail:</source>
      <translation>电子邮件(&amp;E)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="66" />
      <source>&amp;Currency:</source>
      <translation>货币(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="67" />
      <source>&amp;Language:</source>
      <translation>语言(&amp;L)：</translation>
    </message>
  </context>
  <context>
    <name>CreditOverrideDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/credit_override.py" line="39" />
      <source>Credit refused</source>
      <translation>信用额度不足，已拒绝</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/credit_override.py" line="46" />
      <source>Why may this order go ahead?</source>
      <translation>为什么允许此订单继续？</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/credit_override.py" line="50" />
      <source>Manager</source>
      <translation>经理</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/credit_override.py" line="51" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/credit_override.py" line="52" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/credit_override.py" line="55" />
      <source>Override and confirm</source>
      <translation>越权批准并确认</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/credit_override.py" line="70" />
      <source>A reason is required.</source>
      <translation>必须填写原因。</translation>
    </message>
  </context>
  <context>
    <name>CustomerSearchDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="40" />
      <source>Choose customer</source>
      <translation>选择客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="44" />
      <source>Name, phone or customer code</source>
      <translation>姓名、电话或客户编号</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="49" />
      <source>&amp;New customer…</source>
      <translation>新建客户(&amp;N)…</translation>
    </message>
  </context>
  <context>
    <name>DatabasePage</name>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="78" />
      <source>Database</source>
      <translation>数据库</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="79" />
      <source>One workstation: keep the data on this computer. Several workstations: share one PostgreSQL server.</source>
      <translation>只有一台工作站：数据保存在本机。多台工作站：共用一台 PostgreSQL 服务器。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="81" />
      <source>&amp;Local: a file on this computer</source>
      <translation>本地(&amp;L)：本机上的文件</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="82" />
      <source>&amp;Shared: a PostgreSQL server</source>
      <translation>共享(&amp;S)：PostgreSQL 服务器</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="94" />
      <source>&amp;Test connection</source>
      <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="99" />
      <source>&amp;Host:</source>
      <translation>主机(&amp;H)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="100" />
      <source>P&amp;ort:</source>
      <translation>端口(&amp;O)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="101" />
      <source>&amp;Database:</source>
      <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="102" />
      <source>&amp;User:</source>
      <translation>用户(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="103" />
      <source>Pass&amp;word:</source>
      <translation>密码(&amp;W)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="133" />
      <source>Connected.</source>
      <translation>已连接。</translation>
    </message>
  </context>
  <context>
    <name>ExceptionDeskView</name>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="90" />
      <source>All kinds</source>
      <translation>全部类型</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="94" />
      <source>Check now</source>
      <translation>立即检查</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="104" />
      <source>When (UTC)</source>
      <translation>时间（UTC）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="104" />
      <source>What</source>
      <translation>事项</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="104" />
      <source>Who</source>
      <translation>经手人</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="105" />
      <source>Where</source>
      <translation>地点</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="105" />
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="111" />
      <source>Reship…</source>
      <translation>重新发货…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="112" />
      <source>Refund…</source>
      <translation>退款…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="113" />
      <source>Carrier claim…</source>
      <translation>向承运商索赔…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="114" />
      <source>New promised date…</source>
      <translation>新的承诺日期…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="115" />
      <source>Note…</source>
      <translation>备注…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="116" />
      <source>Close with resolution…</source>
      <translation>填写处理结果并关闭…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="191" />
      <source>case: %s</source>
      <translation>案件：%s</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="222" />
      <source>Another workstation is checking right now.</source>
      <translation>另一台工作站正在检查。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="139" />
      <source>Showing the %1 oldest of %2 open cases</source>
      <translation>显示最早的 %1 个未结案件（共 %2 个）</translation>
    </message>
    <message numerus="yes">
      <location filename="../../app/ui/views/exceptions.py" line="143" />
      <source>%n open case(s)</source>
      <translation>
        <numerusform>%n 个未结案件</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../app/ui/views/exceptions.py" line="221" />
      <source>%n new case(s)</source>
      <translation>
        <numerusform>%n 个新案件</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="230" />
      <source>%s: reship requested, stock reserved</source>
      <translation>%s：已申请重新发货，库存已预留</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="114" />
      <source>Exchange…</source>
      <translation>换货…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="244" />
      <source>%1: refund recorded, credit note %2</source>
      <translation>%1：已记录退款，贷项通知单 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="246" />
      <source>%s: refund recorded (walk-in order: no credit note)</source>
      <translation>%s：已记录退款（散客订单：无贷项通知单）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="255" />
      <source>%s: exchange requested, stock reserved</source>
      <translation>%s：已申请换货，库存已预留</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="306" />
      <source>Credit note %s created.</source>
      <translation>已开具贷项通知单 %s。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="318" />
      <source>Order %s has no lines to exchange.</source>
      <translation>订单 %s 没有可换货的明细行。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="321" />
      <source>Exchange</source>
      <translation>换货</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="322" />
      <source>Which line goes out again?</source>
      <translation>重新发出哪一行？</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="326" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="330" />
      <source>What does the customer send back?</source>
      <translation>客户寄回什么？</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="239" />
      <source>%s: claim recorded</source>
      <translation>%s：已记录索赔</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="243" />
      <source>%s: new date promised, customer notice queued</source>
      <translation>%s：已承诺新日期，客户通知已排队</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="247" />
      <source>%s: note added</source>
      <translation>%s：已添加备注</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="251" />
      <source>%s closed</source>
      <translation>%s 已关闭</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="266" />
      <source>Not an amount: %s</source>
      <translation>不是有效金额：%s</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="270" />
      <source>Reship</source>
      <translation>重新发货</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="270" />
      <source>Postage for the new parcel</source>
      <translation>新包裹的运费</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="275" />
      <location filename="../../app/ui/views/exceptions.py" line="276" />
      <source>Refund</source>
      <translation>退款</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="275" />
      <source>Amount to refund</source>
      <translation>退款金额</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="276" />
      <source>Why?</source>
      <translation>原因？</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="281" />
      <location filename="../../app/ui/views/exceptions.py" line="282" />
      <location filename="../../app/ui/views/exceptions.py" line="285" />
      <source>Carrier claim</source>
      <translation>承运商索赔</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="281" />
      <source>Claim number</source>
      <translation>索赔编号</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="282" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="285" />
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="291" />
      <source>New promised date</source>
      <translation>新的承诺日期</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="291" />
      <source>Date (YYYY-MM-DD)</source>
      <translation>日期（YYYY-MM-DD）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="297" />
      <source>Not a date: %s</source>
      <translation>不是有效日期：%s</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="300" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="300" />
      <source>What was agreed?</source>
      <translation>约定了什么？</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="305" />
      <source>Close case</source>
      <translation>关闭案件</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/exceptions.py" line="305" />
      <source>Resolution</source>
      <translation>处理结果</translation>
    </message>
  </context>
  <context>
    <name>FinishPage</name>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="295" />
      <source>Ready</source>
      <translation>准备就绪</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="296" />
      <source>Everything set here can be changed later in Settings.</source>
      <translation>这里的所有设置以后都可以在“设置”中修改。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="297" />
      <source>Load &amp;demo data (customers, products and orders to practise with)</source>
      <translation>载入演示数据(&amp;D)（用于练习的客户、商品和订单）</translation>
    </message>
    <message>
      <source>&amp;Then import my shop's products and customers (CSV/XLSX)</source>
      <translation>完成后导入我店里的商品和客户（CSV/XLSX）(&amp;T)</translation>
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="92" />
      <source>Welcome to OrderDesk</source>
      <translation>欢迎使用 OrderDesk</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="94" />
      <source>This database has no users yet. Create the administrator, who can then add the other users.</source>
      <translation>此数据库还没有用户。请先创建管理员，之后由管理员添加其他用户。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="110" />
      <source>Administrator's &amp;user name:</source>
      <translation>管理员用户名(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="111" />
      <source>&amp;Password:</source>
      <translation>密码(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="112" />
      <source>&amp;Repeat password:</source>
      <translation>再次输入密码(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="115" />
      <source>Create</source>
      <translation>创建</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="127" />
      <source>The two passwords are not the same.</source>
      <translation>两次输入的密码不一致。</translation>
    </message>
  </context>
  <context>
    <name>FirstRunWizard</name>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="307" />
      <source>Set up OrderDesk</source>
      <translation>设置 OrderDesk</translation>
    </message>
  </context>
  <context>
    <name>HelpDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/help.py" line="58" />
      <source>OrderDesk user guide</source>
      <translation>OrderDesk 用户指南</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/help.py" line="77" />
      <source>The user guide is missing from this installation (%1).</source>
      <translation>此安装缺少用户指南（%1）。</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="35" />
      <source>Log in to OrderDesk</source>
      <translation>登录 OrderDesk</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="48" />
      <source>&amp;User:</source>
      <translation>用户(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="49" />
      <source>&amp;Password or PIN:</source>
      <translation>密码或 PIN(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="53" />
      <source>Log in</source>
      <translation>登录</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="57" />
      <source>Database: %1</source>
      <translation>数据库：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="68" />
      <source>Enter your user name.</source>
      <translation>请输入用户名。</translation>
    </message>
    <message>
      <source>Demo data: log in as &lt;b&gt;admin&lt;/b&gt; with the password &lt;b&gt;admin123&lt;/b&gt;. The other demo users (manager, counter, warehouse, finance) are listed in README.md.</source>
      <translation>演示数据：以 &lt;b&gt;admin&lt;/b&gt; 登录，密码 &lt;b&gt;admin123&lt;/b&gt;。其他演示用户（manager、counter、warehouse、finance）见 README.md。</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../app/ui/main_window.py" line="159" />
      <source>OrderDesk</source>
      <translation>OrderDesk 订单台</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="170" />
      <source>Connection to the database lost — retrying…</source>
      <translation>与数据库的连接已断开 — 正在重试…</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="237" />
      <source>&amp;Desk</source>
      <translation>工作台(&amp;D)</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="238" />
      <source>&amp;New order</source>
      <translation>新建订单(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="244" />
      <source>&amp;Settings…</source>
      <translation>设置(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="247" />
      <source>S&amp;witch user…</source>
      <translation>切换用户(&amp;W)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="251" />
      <source>&amp;Lock now</source>
      <translation>立即锁定(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="255" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="259" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="260" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="261" />
      <source>&amp;User guide</source>
      <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="312" />
      <source>Database: %1</source>
      <translation>数据库：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="313" />
      <source>User: %1 (%2)</source>
      <translation>用户：%1（%2）</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="315" />
      <source>Workstation: %1</source>
      <translation>工作站：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="324" />
      <source>counter</source>
      <translation>柜台</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="324" />
      <source>warehouse</source>
      <translation>仓库</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="325" />
      <source>finance</source>
      <translation>财务</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="325" />
      <source>manager</source>
      <translation>经理</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="326" />
      <source>admin</source>
      <translation>管理员</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="399" />
      <source>Unknown code: %1</source>
      <translation>无法识别的条码：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="409" />
      <source>Scanned %1 (%2) — nothing to do with it here.</source>
      <translation>已扫描 %1（%2）— 此页面无法处理。</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="434" />
      <source>Logged in as %1.</source>
      <translation>已登录为 %1。</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="472" />
      <source>Connection to the database is back.</source>
      <translation>与数据库的连接已恢复。</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="1" />
      <source>Reservation expired unpaid — stock released, order on hold: %1</source>
      <translation>未付款订单的预留已过期 — 库存已释放，订单已暂停：%1</translation>
    </message>
    <message>
      <source>&amp;Import shop data…</source>
      <translation>导入店铺数据(&amp;I)…</translation>
    </message>
  </context>
  <context>
    <name>ManagerApprovalDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/approval.py" line="29" />
      <source>Manager approval</source>
      <translation>经理审批</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/approval.py" line="41" />
      <source>Manager:</source>
      <translation>经理：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/approval.py" line="42" />
      <source>Password:</source>
      <translation>密码：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/approval.py" line="44" />
      <source>Approve</source>
      <translation>批准</translation>
    </message>
  </context>
  <context>
    <name>MessageBar</name>
    <message>
      <location filename="../../app/ui/views/message_bar.py" line="27" />
      <source>&amp;Reload</source>
      <translation>重新载入(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/message_bar.py" line="33" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
  </context>
  <context>
    <name>Navigation</name>
    <message>
      <location filename="../../app/ui/main_window.py" line="94" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="95" />
      <source>Order entry</source>
      <translation>订单录入</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="97" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="100" />
      <source>Stock</source>
      <translation>库存</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="101" />
      <source>Shipping</source>
      <translation>发货</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="103" />
      <source>Production</source>
      <translation>生产</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="108" />
      <source>Exceptions</source>
      <translation>异常</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="110" />
      <source>Receivables</source>
      <translation>应收账款</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="112" />
      <source>Profit</source>
      <translation>利润</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="114" />
      <source>Promotions</source>
      <translation>促销</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="105" />
      <source>Returns</source>
      <translation>退货</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="1" />
      <source>Channels &amp; tiers</source>
      <translation>渠道与会员等级</translation>
    </message>
    <message>
      <source>Replenishment</source>
      <translation>补货</translation>
    </message>
  </context>
  <context>
    <name>NewCustomerDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="123" />
      <source>New customer</source>
      <translation>新建客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="144" />
      <source>&amp;Name:</source>
      <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="145" />
      <source>&amp;Phone:</source>
      <translation>电话(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="146" />
      <source>&amp;Email:</source>
      <translation>电子邮件(&amp;E)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="147" />
      <source>Country:</source>
      <translation>国家/地区：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="148" />
      <source>Province / state:</source>
      <translation>省份/州：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="149" />
      <source>City:</source>
      <translation>城市：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="150" />
      <source>District:</source>
      <translation>区县：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="151" />
      <source>Street address:</source>
      <translation>街道地址：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="152" />
      <source>Postcode:</source>
      <translation>邮政编码：</translation>
    </message>
  </context>
  <context>
    <name>OrderEntryView</name>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="108" />
      <source>&amp;New order (F2)</source>
      <translation>新建订单 (F2)(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="117" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="122" />
      <source>&amp;Choose customer… (F4)</source>
      <translation>选择客户… (F4)(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="132" />
      <source>Type or scan an SKU or barcode, then Enter</source>
      <translation>输入或扫描 SKU/条码，然后按回车</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="137" />
      <source>&amp;Add</source>
      <translation>添加(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="140" />
      <source>&amp;Product:</source>
      <translation>商品(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="142" />
      <source>Q&amp;ty:</source>
      <translation>数量(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="165" />
      <source>Lines: Delete removes, + / − change the quantity, Enter edits it.</source>
      <translation>明细行：Delete 删除，+ / − 增减数量，回车编辑数量。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="172" />
      <source>Price of the selected line</source>
      <translation>所选行的价格构成</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="175" />
      <source>Line &amp;discount…</source>
      <translation>行折扣(&amp;D)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="182" />
      <source>Coupons</source>
      <translation>优惠券</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="185" />
      <source>Coupon code</source>
      <translation>优惠券代码</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="187" />
      <source>Appl&amp;y</source>
      <translation>使用(&amp;Y)</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="193" />
      <source>Remove coupon</source>
      <translation>移除优惠券</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="239" />
      <source>Subtotal:</source>
      <translation>小计：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="240" />
      <source>Discount:</source>
      <translation>折扣：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="241" />
      <source>Shipping:</source>
      <translation>运费：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="242" />
      <source>Total:</source>
      <translation>合计：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="243" />
      <source>Cancel order…</source>
      <translation>取消订单…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="246" />
      <location filename="../../app/ui/views/order_entry.py" line="668" />
      <source>C&amp;onfirm (Ctrl+Enter)</source>
      <translation>确认订单 (Ctrl+Enter)(&amp;O)</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="291" />
      <source>New order</source>
      <translation>新订单</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="292" />
      <source>(not saved yet: add a customer or a line)</source>
      <translation>（尚未保存：请选择客户或添加商品）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="293" />
      <location filename="../../app/ui/views/order_entry.py" line="304" />
      <source>No customer chosen.</source>
      <translation>尚未选择客户。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="373" />
      <source>%1 — does not apply: %2</source>
      <translation>%1 — 不适用：%2</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="387" />
      <source>Margin: %1 % (cost %2 of %3)</source>
      <translation>毛利率：%1 %（成本 %2，收入 %3）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="410" />
      <source>Someone else changed this order: %1</source>
      <translation>其他人已修改此订单：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="413" />
      <source>%1: wanted %2, available %3</source>
      <translation>%1：需要 %2，可用 %3</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="416" />
      <source>Not enough stock — nothing was reserved:</source>
      <translation>库存不足 — 未预留任何商品：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="419" />
      <source>Not allowed: %1</source>
      <translation>无权操作：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="528" />
      <source>%1 × %2 now on the order</source>
      <translation>订单中现有 %1 × %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="590" />
      <source>Coupon %1 applied.</source>
      <translation>已使用优惠券 %1。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="592" />
      <source>Coupon %1 is on the order but does not apply: %2</source>
      <translation>优惠券 %1 已加入订单，但不适用：%2</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="606" />
      <source>Coupon %1 removed.</source>
      <translation>已移除优惠券 %1。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="611" />
      <location filename="../../app/ui/views/order_entry.py" line="615" />
      <source>Line discount</source>
      <translation>行折扣</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="612" />
      <source>Discount for %1 in %:</source>
      <translation>%1 的折扣（%）：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="616" />
      <source>Reason for the discount:</source>
      <translation>折扣原因：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="625" />
      <source>%1 may give up to %2 % off; %3 % needs a manager's approval.</source>
      <translation>%1 最多可给 %2 % 折扣；%3 % 需要经理批准。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="635" />
      <source>Select a line first.</source>
      <translation>请先选择一行。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="645" />
      <source>No discount given: not approved.</source>
      <translation>未给折扣：未获批准。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="656" />
      <source>%1 % off %2.</source>
      <translation>%2 优惠 %1 %。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="667" />
      <source>Confirming…</source>
      <translation>正在确认…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="686" />
      <source>Order %1 confirmed: stock is reserved.</source>
      <translation>订单 %1 已确认：库存已预留。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="710" />
      <source>Not confirmed: %1</source>
      <translation>未确认：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="729" />
      <source>Could not confirm: %1</source>
      <translation>无法确认：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="736" />
      <source>Cancel order</source>
      <translation>取消订单</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="737" />
      <source>Why is order %1 cancelled?</source>
      <translation>为什么取消订单 %1？</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="746" />
      <source>Order %1 cancelled.</source>
      <translation>订单 %1 已取消。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="775" />
      <source>No order %1.</source>
      <translation>没有订单 %1。</translation>
    </message>
  </context>
  <context>
    <name>OrderLinesModel</name>
    <message>
      <location filename="../../app/ui/models/order_lines.py" line="24" />
      <source>#</source>
      <translation>#</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/order_lines.py" line="25" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/order_lines.py" line="26" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/order_lines.py" line="27" />
      <source>Qty</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/order_lines.py" line="28" />
      <source>Unit price</source>
      <translation>单价</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/order_lines.py" line="29" />
      <source>Line total</source>
      <translation>金额</translation>
    </message>
  </context>
  <context>
    <name>OrderStatus</name>
    <message>
      <location filename="../../app/ui/format.py" line="13" />
      <source>Draft</source>
      <translation>草稿</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="14" />
      <source>Needs attention</source>
      <translation>待处理</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="15" />
      <source>Confirmed</source>
      <translation>已确认</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="16" />
      <source>Backordered</source>
      <translation>缺货待补</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="17" />
      <source>In production</source>
      <translation>生产中</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="18" />
      <source>Picking</source>
      <translation>拣货中</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="19" />
      <source>Packed</source>
      <translation>已打包</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="20" />
      <source>Partly shipped</source>
      <translation>部分发货</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="21" />
      <source>Shipped</source>
      <translation>已发货</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="22" />
      <source>Delivered</source>
      <translation>已送达</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="23" />
      <source>On hold</source>
      <translation>已暂停</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="24" />
      <source>Cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="25" />
      <source>Returned</source>
      <translation>已退货</translation>
    </message>
  </context>
  <context>
    <name>OrdersTableModel</name>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="16" />
      <source>Number</source>
      <translation>订单号</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="17" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="18" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="19" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="20" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="21" />
      <source>Channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="22" />
      <source>Total</source>
      <translation>合计</translation>
    </message>
  </context>
  <context>
    <name>OrdersView</name>
    <message>
      <location filename="../../app/ui/views/orders.py" line="40" />
      <source>Search order number, customer or phone</source>
      <translation>搜索订单号、客户或电话</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/orders.py" line="44" />
      <source>All statuses</source>
      <translation>全部状态</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/orders.py" line="60" />
      <source>&amp;Find:</source>
      <translation>查找(&amp;F)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/orders.py" line="62" />
      <source>&amp;Status:</source>
      <translation>状态(&amp;S)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/orders.py" line="96" />
      <source>Orders: %1</source>
      <translation>订单：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/orders.py" line="119" />
      <source>No order %1.</source>
      <translation>没有订单 %1。</translation>
    </message>
    <message>
      <source>&amp;Timeline…</source>
      <translation>时间线(&amp;T)…</translation>
    </message>
    <message>
      <source>Status history and tracking (Ctrl+T)</source>
      <translation>状态历史和物流跟踪 (Ctrl+T)</translation>
    </message>
    <message>
      <source>Select an order first.</source>
      <translation>请先选择一个订单。</translation>
    </message>
  </context>
  <context>
    <name>PriceExplanation</name>
    <message>
      <location filename="../../app/ui/widgets/price_explanation.py" line="82" />
      <source>Select a line to see how its price is made up.</source>
      <translation>选择一行即可查看其价格构成。</translation>
    </message>
    <message>
      <location filename="../../app/ui/widgets/price_explanation.py" line="86" />
      <source>{start} → {final} (saved {saved})</source>
      <translation>{start} → {final}（节省 {saved}）</translation>
    </message>
  </context>
  <context>
    <name>PrinterPage</name>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="216" />
      <source>Printers</source>
      <translation>打印机</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="217" />
      <source>Shipping labels are 4×6 in (100×150 mm); packing slips A4. Choose “PDF file” to print later or without a printer.</source>
      <translation>运单标签为 4×6 英寸（100×150 毫米）；装箱单为 A4。选择“PDF 文件”可稍后打印或无需打印机。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="223" />
      <source>PDF file</source>
      <translation>PDF 文件</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="226" />
      <source>Test &amp;label</source>
      <translation>测试标签(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="227" />
      <source>Test &amp;slip</source>
      <translation>测试装箱单(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="231" />
      <source>&amp;Label printer:</source>
      <translation>标签打印机(&amp;L)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="232" />
      <source>S&amp;lip printer:</source>
      <translation>装箱单打印机(&amp;L)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="255" />
      <source>Save test page</source>
      <translation>保存测试页</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="256" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="275" />
      <source>Could not start printing on %1.</source>
      <translation>无法在 %1 上开始打印。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="282" />
      <source>OrderDesk test page — %1
If this fits inside the frame, the printer is set up.</source>
      <translation>OrderDesk 测试页 — %1
如果内容在边框内，打印机即已设置好。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="283" />
      <source>shipping label</source>
      <translation>运单标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="284" />
      <source>packing slip</source>
      <translation>装箱单</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="288" />
      <source>Test page sent to %1.</source>
      <translation>测试页已发送到 %1。</translation>
    </message>
  </context>
  <context>
    <name>ProductionBoardView</name>
    <message>
      <location filename="../../app/ui/views/production.py" line="104" />
      <source>Scan a work-order sheet (WO-…)</source>
      <translation>扫描工单（WO-…）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="107" />
      <source>All states</source>
      <translation>全部状态</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="122" />
      <source>Start</source>
      <translation>开始</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="123" />
      <source>Tick off operation</source>
      <translation>完成一道工序</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="124" />
      <source>Finish</source>
      <translation>完工</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="125" />
      <source>Report problem…</source>
      <translation>报告问题…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="126" />
      <source>Accept new date</source>
      <translation>接受新日期</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="127" />
      <source>Resume</source>
      <translation>恢复</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="128" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="175" />
      <source>To buy or make: </source>
      <translation>需采购或生产：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="255" />
      <source>%s started</source>
      <translation>%s 已开始</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="258" />
      <source>%s: operation done</source>
      <translation>%s：工序已完成</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="262" />
      <source>%s finished and reserved to its order</source>
      <translation>%s 已完工并预留给其订单</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="265" />
      <source>%s resumed</source>
      <translation>%s 已恢复</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="271" />
      <source>%s blocked</source>
      <translation>%s 已受阻</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="280" />
      <source>New promised date accepted; the customer will be told</source>
      <translation>已接受新的承诺日期；将通知客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="281" />
      <source>Proposed date declined</source>
      <translation>已拒绝建议日期</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="284" />
      <location filename="../../app/ui/views/production.py" line="288" />
      <location filename="../../app/ui/views/production.py" line="292" />
      <source>Report a problem</source>
      <translation>报告问题</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="284" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="289" />
      <source>What is wrong?</source>
      <translation>出了什么问题？</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="293" />
      <source>Proposed new promised date (YYYY-MM-DD, empty for none)</source>
      <translation>建议的新承诺日期（YYYY-MM-DD，留空表示无）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/production.py" line="298" />
      <source>Not a date: %s</source>
      <translation>不是有效日期：%s</translation>
    </message>
  </context>
  <context>
    <name>ProductsTableModel</name>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="18" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="19" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="20" />
      <source>Specification</source>
      <translation>规格</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="21" />
      <source>Price</source>
      <translation>价格</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="22" />
      <source>On hand</source>
      <translation>在库</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="23" />
      <source>Reserved</source>
      <translation>已预留</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="24" />
      <source>Available</source>
      <translation>可用</translation>
    </message>
  </context>
  <context>
    <name>ProfitView</name>
    <message>
      <location filename="../../app/ui/views/profit.py" line="44" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="44" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="45" />
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="45" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="46" />
      <source>Channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="46" />
      <source>Month</source>
      <translation>月份</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="52" />
      <source>Filter</source>
      <translation>筛选</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="53" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="55" />
      <source>Export CSV…</source>
      <translation>导出 CSV…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="57" />
      <source>Export XLSX…</source>
      <translation>导出 XLSX…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="60" />
      <source>Key</source>
      <translation>项目</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="60" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="60" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="60" />
      <source>Revenue</source>
      <translation>收入</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="61" />
      <source>Cost of goods</source>
      <translation>商品成本</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="61" />
      <source>Production</source>
      <translation>生产</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="61" />
      <source>Shipping</source>
      <translation>发货</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="62" />
      <source>Fees</source>
      <translation>费用</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="62" />
      <source>Exceptions</source>
      <translation>异常</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="62" />
      <source>Indirect</source>
      <translation>间接成本</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="62" />
      <source>Gross</source>
      <translation>毛利</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="63" />
      <source>Net</source>
      <translation>净利</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="63" />
      <source>Gross %</source>
      <translation>毛利率</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="63" />
      <source>Net %</source>
      <translation>净利率</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="73" />
      <source>By</source>
      <translation>按</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="73" />
      <source>From</source>
      <translation>从</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="74" />
      <source>To</source>
      <translation>到</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="96" />
      <source>%1 rows · net profit %2</source>
      <translation>%1 行 · 净利润 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="104" />
      <source>Export profit</source>
      <translation>导出利润</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="112" />
      <source>Saved %1</source>
      <translation>已保存 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="1" />
      <source>Net profit</source>
      <translation>净利润</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="1" />
      <source>Net profit by month</source>
      <translation>按月净利润</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/profit.py" line="1" />
      <source>Net profit by %1</source>
      <translation>按%1净利润</translation>
    </message>
  </context>
  <context>
    <name>PromotionsModel</name>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="58" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="58" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="58" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="58" />
      <source>Priority</source>
      <translation>优先级</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="59" />
      <source>Active</source>
      <translation>启用</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="59" />
      <source>Coupons</source>
      <translation>优惠券</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="79" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="79" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <source>exclusive</source>
      <translation>不可叠加</translation>
    </message>
    <message>
      <source>Percent off</source>
      <translation>百分比折扣</translation>
    </message>
    <message>
      <source>Amount off</source>
      <translation>立减金额</translation>
    </message>
    <message>
      <source>Fixed price</source>
      <translation>一口价</translation>
    </message>
    <message>
      <source>Buy X get Y free</source>
      <translation>买赠</translation>
    </message>
    <message>
      <source>Spend and save</source>
      <translation>满减</translation>
    </message>
    <message>
      <source>Free shipping</source>
      <translation>包邮</translation>
    </message>
  </context>
  <context>
    <name>PromotionsView</name>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="107" />
      <source>Repeating</source>
      <translation>可重复</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="108" />
      <source>Same item</source>
      <translation>同一商品</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="109" />
      <source>Exclusive</source>
      <translation>不可叠加</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="110" />
      <source>Only with a coupon</source>
      <translation>仅限优惠券</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="111" />
      <source>Scheduled</source>
      <translation>已排期</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="117" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="117" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="118" />
      <source>Value</source>
      <translation>数值</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="118" />
      <source>Threshold</source>
      <translation>门槛</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="119" />
      <source>Cap</source>
      <translation>上限</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="119" />
      <source>Buy</source>
      <translation>买</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="120" />
      <source>Get</source>
      <translation>送</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="120" />
      <source>SKUs</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="121" />
      <source>Categories</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="122" />
      <source>Channels</source>
      <translation>渠道</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="122" />
      <source>Tiers</source>
      <translation>会员等级</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="123" />
      <source>Priority</source>
      <translation>优先级</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="125" />
      <source>From</source>
      <translation>从</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="126" />
      <source>Until</source>
      <translation>截至</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="128" />
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="129" />
      <source>New</source>
      <translation>新建</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="130" />
      <source>Disable / enable</source>
      <translation>停用 / 启用</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="136" />
      <source>Add coupon to this promotion</source>
      <translation>为此促销添加优惠券</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="138" />
      <source>Coupon code</source>
      <translation>优惠券代码</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="139" />
      <source>Minimum spend</source>
      <translation>最低消费</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="140" />
      <source>Uses (0: no limit)</source>
      <translation>使用次数（0：不限）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="141" />
      <source>Uses per customer (0: no limit)</source>
      <translation>每位客户使用次数（0：不限）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="144" />
      <source>Order number, e.g. SO-000001</source>
      <translation>订单号，例如 SO-000001</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="145" />
      <source>Try it on this order</source>
      <translation>在此订单上试算</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="228" />
      <source>Saved.</source>
      <translation>已保存。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="255" />
      <source>Select the promotion the coupon is for.</source>
      <translation>请选择优惠券所属的促销。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="267" />
      <source>No order {n}.</source>
      <translation>没有订单 {n}。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/promotions.py" line="276" />
      <source>Now {a}, with this promotion {b}.</source>
      <translation>当前 {a}，使用此促销后 {b}。</translation>
    </message>
  </context>
  <context>
    <name>ReceivablesView</name>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="211" />
      <location filename="../../app/ui/views/receivables.py" line="258" />
      <source>Record payment</source>
      <translation>登记收款</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="212" />
      <source>Ageing</source>
      <translation>账龄</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="213" />
      <source>Statements</source>
      <translation>对账单</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="214" />
      <source>Dunning</source>
      <translation>催款</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="237" />
      <source>All customers with a balance</source>
      <translation>所有有余额的客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="250" />
      <source>e.g. 1,250.00</source>
      <translation>例如 1,250.00</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="252" />
      <source>Bank transfer</source>
      <translation>银行转账</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="253" />
      <source>Cash</source>
      <translation>现金</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="253" />
      <source>Card</source>
      <translation>银行卡</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="260" />
      <location filename="../../app/ui/views/receivables.py" line="367" />
      <location filename="../../app/ui/views/receivables.py" line="419" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="261" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="262" />
      <source>Method</source>
      <translation>方式</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="263" />
      <source>Reference</source>
      <translation>参考号</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="264" />
      <source>Received on</source>
      <translation>收款日期</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="266" />
      <source>Invoice</source>
      <translation>发票</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="266" />
      <source>Issued</source>
      <translation>开票日期</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="267" />
      <source>Due</source>
      <translation>到期日</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="267" />
      <source>Total</source>
      <translation>合计</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="268" />
      <source>Paid</source>
      <translation>已付</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="268" />
      <source>Open</source>
      <translation>未付</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="274" />
      <source>Open invoices (a payment pays the oldest first)</source>
      <translation>未付发票（收款先冲最早的发票）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="290" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="292" />
      <source> — ON HOLD: %1</source>
      <translation> — 已冻结：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="295" />
      <source>Owes %1 · limit %2 · terms %3</source>
      <translation>欠款 %1 · 额度 %2 · 账期 %3</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="301" />
      <source>Choose a customer first.</source>
      <translation>请先选择客户。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="310" />
      <source>Payment recorded: %1 allocated, %2 kept as credit.</source>
      <translation>已登记收款：冲销 %1，%2 留作预付款。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="313" />
      <source>Credit hold lifted.</source>
      <translation>已解除信用冻结。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="325" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="331" />
      <source>As of</source>
      <translation>截至</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="348" />
      <source>Total outstanding: %1</source>
      <translation>未收款合计：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="364" />
      <source>Customer's language</source>
      <translation>客户的语言</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="368" />
      <source>From</source>
      <translation>从</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="369" />
      <source>To</source>
      <translation>到</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="370" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="371" />
      <source>Save statements as PDF…</source>
      <translation>将对账单保存为 PDF…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="373" />
      <source>Reconciliation export (CSV)…</source>
      <translation>导出对账数据（CSV）…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="388" />
      <source>No customer has a balance.</source>
      <translation>没有客户有余额。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="390" />
      <source>Save statements</source>
      <translation>保存对账单</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="398" />
      <source>%1 statement(s) saved to %2</source>
      <translation>%1 份对账单已保存到 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="404" />
      <source>Reconciliation export</source>
      <translation>对账导出</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="409" />
      <source>Saved %1</source>
      <translation>已保存 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="415" />
      <source>Propose letters</source>
      <translation>生成催款函</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="417" />
      <source>Send selected</source>
      <translation>发送所选</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="419" />
      <source>Level</source>
      <translation>级别</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="420" />
      <source>Overdue</source>
      <translation>逾期</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="420" />
      <source>Fee</source>
      <translation>费用</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="421" />
      <source>Subject</source>
      <translation>主题</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="421" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="444" />
      <source>%1 letter(s) proposed.</source>
      <translation>已生成 %1 封催款函。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="451" />
      <source>Select the letters to send.</source>
      <translation>请选择要发送的催款函。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="459" />
      <source>%1 letter(s) queued for sending.</source>
      <translation>%1 封催款函已排队发送。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="1" />
      <source>Dunning levels…</source>
      <translation>催款级别…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/receivables.py" line="1" />
      <source>When letters go out, their text, fee and action</source>
      <translation>何时发出催款信、信函内容、费用和措施</translation>
    </message>
  </context>
  <context>
    <name>ReceiveDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="62" />
      <source>goods received</source>
      <translation>到货入库</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="65" />
      <source>On hand now:</source>
      <translation>当前库存：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="66" />
      <source>&amp;Quantity received:</source>
      <translation>入库数量(&amp;Q)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="67" />
      <source>&amp;Reference / reason:</source>
      <translation>单据号/原因(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="68" />
      <source>Receive stock</source>
      <translation>入库</translation>
    </message>
  </context>
  <context>
    <name>Settings</name>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="64" />
      <source>The server refused the user name or password. Check the password for user %1.</source>
      <translation>服务器拒绝了用户名或密码。请检查用户 %1 的密码。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="69" />
      <source>The server is reachable, but the database "%1" does not exist on it. Check the name, or ask the administrator to create it.</source>
      <translation>服务器可以连接，但上面没有数据库“%1”。请检查名称，或请管理员创建该数据库。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="75" />
      <source>The server does not know the user "%1".</source>
      <translation>服务器上没有用户“%1”。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="78" />
      <source>Cannot reach a database server at %1. Check the host name and port, that the server is running, and that no firewall blocks it.</source>
      <translation>无法连接到 %1 的数据库服务器。请检查主机名和端口、服务器是否在运行，以及防火墙是否阻止了连接。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="84" />
      <source>The database file cannot be opened: check that its folder exists and can be written to.</source>
      <translation>无法打开数据库文件：请检查其所在文件夹是否存在且可写入。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="90" />
      <source>That file is not an OrderDesk database.</source>
      <translation>该文件不是 OrderDesk 数据库。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="92" />
      <source>Could not connect: %1</source>
      <translation>无法连接：%1</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="120" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="125" />
      <source>Database</source>
      <translation>数据库</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="126" />
      <source>Local file on this computer (SQLite)</source>
      <translation>本机文件（SQLite）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="127" />
      <source>Shared server (PostgreSQL)</source>
      <translation>共享服务器（PostgreSQL）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="132" />
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="150" />
      <source>&amp;Test connection</source>
      <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="158" />
      <source>File:</source>
      <translation>文件：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="160" />
      <source>Host:</source>
      <translation>主机：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="161" />
      <source>Port:</source>
      <translation>端口：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="162" />
      <source>Database name:</source>
      <translation>数据库名：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="163" />
      <source>User:</source>
      <translation>用户：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="164" />
      <source>Password:</source>
      <translation>密码：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="167" />
      <source>This workstation</source>
      <translation>本工作站</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="170" />
      <source>System default</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="179" />
      <source>Language:</source>
      <translation>语言：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="180" />
      <source>Workstation name:</source>
      <translation>工作站名称：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="182" />
      <source>Company, printers and counter</source>
      <translation>公司、打印机和柜台</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="199" />
      <source> min</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="200" />
      <source>Never</source>
      <translation>从不</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="203" />
      <source>Company phone:</source>
      <translation>公司电话：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="204" />
      <source>Company e-mail:</source>
      <translation>公司电子邮件：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="205" />
      <source>Tax number:</source>
      <translation>税号：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="206" />
      <source>Label printer:</source>
      <translation>标签打印机：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="207" />
      <source>Packing slip printer:</source>
      <translation>装箱单打印机：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="208" />
      <source>Default warehouse (code):</source>
      <translation>默认仓库（编号）：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="209" />
      <source>Lock after no input for:</source>
      <translation>无操作自动锁定时间：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="211" />
      <source>Changes take effect when OrderDesk is started again.</source>
      <translation>更改将在重新启动 OrderDesk 后生效。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="235" />
      <source>PDF file (no printer)</source>
      <translation>PDF 文件（不用打印机）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="239" />
      <source>%1 (not connected)</source>
      <translation>%1（未连接）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="269" />
      <source>Database file</source>
      <translation>数据库文件</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="270" />
      <source>SQLite database (*.sqlite3 *.sqlite *.db)</source>
      <translation>SQLite 数据库 (*.sqlite3 *.sqlite *.db)</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="289" />
      <source>Connecting…</source>
      <translation>正在连接…</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="294" />
      <source>Connected (server version %1).</source>
      <translation>连接成功（服务器版本 %1）。</translation>
    </message>
  </context>
  <context>
    <name>ShippingView</name>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="129" />
      <source>Scan an order, pick list or parcel label</source>
      <translation>扫描订单、拣货单或包裹标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="137" />
      <source>Scan here</source>
      <translation>在此扫描</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="153" />
      <source>F8 or Ctrl+Z undo · F9 next parcel · F10 complete · F11 print again · F12 delivered slip · Esc cancel</source>
      <translation>F8 或 Ctrl+Z 撤销 · F9 下一个包裹 · F10 完成 · F11 重新打印 · F12 签收回单 · Esc 取消</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="400" />
      <source>Delivered: {0} ({1})</source>
      <translation>已签收：{0}（{1}）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="405" />
      <source>Scan the signed delivery slip (tracking or order number)</source>
      <translation>请扫描已签收的回单（运单号或订单号）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="201" />
      <source>Error: {0}</source>
      <translation>错误：{0}</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="210" />
      <source>Packing {0}: scan the items</source>
      <translation>正在打包 {0}：请扫描商品</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="230" />
      <source>Nothing printed yet.</source>
      <translation>尚未打印任何内容。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="235" />
      <source>No order is open.</source>
      <translation>没有打开的订单。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="245" />
      <source>Parcel {0}</source>
      <translation>包裹 {0}</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="251" />
      <source>Packing cancelled</source>
      <translation>已取消打包</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="253" />
      <source>Unknown command {0}</source>
      <translation>未知命令 {0}</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="262" />
      <source>Packed {0} ({1}) — {2}</source>
      <translation>已打包 {0}（{1}）— {2}</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="265" />
      <source> — backorder: {0}</source>
      <translation> — 缺货待补：{0}</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/shipping.py" line="297" />
      <source>Order {0} — {1} — parcel {2}</source>
      <translation>订单 {0} — {1} — 包裹 {2}</translation>
    </message>
    <message>
      <source>Print slip… (Ctrl+P)</source>
      <translation>打印装箱单…（Ctrl+P）</translation>
    </message>
    <message>
      <source>F5 box · F6 weight · F7 carrier · F8 or Ctrl+Z undo · F9 next parcel · F10 complete · F11 print again · F12 delivered slip · Ctrl+P print slip… · Esc cancel</source>
      <translation>F5 箱型 · F6 重量 · F7 承运商 · F8 或 Ctrl+Z 撤销 · F9 下一个包裹 · F10 完成 · F11 重新打印 · F12 签收回单 · Ctrl+P 打印装箱单… · Esc 取消</translation>
    </message>
    <message>
      <source>Waiting to ship</source>
      <translation>待发货</translation>
    </message>
    <message>
      <source>Messages not sent</source>
      <translation>未发送的消息</translation>
    </message>
    <message>
      <source>Print labels</source>
      <translation>打印标签</translation>
    </message>
    <message>
      <source>Print slips…</source>
      <translation>打印装箱单…</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <source>Offline — scan kept, it will be sent when the database is back ({0} waiting)</source>
      <translation>离线——扫描已保存，数据库恢复后发送（{0} 条等待中）</translation>
    </message>
    <message>
      <source>Nothing packed yet: no packing slip to print.</source>
      <translation>尚未打包：没有可打印的装箱单。</translation>
    </message>
    <message>
      <source>Select the shipments to print first.</source>
      <translation>请先选择要打印的发货单。</translation>
    </message>
    <message>
      <source>Parcel {0}: {1} kg</source>
      <translation>包裹 {0}：{1} 公斤</translation>
    </message>
    <message>
      <source>Offline scans: {0} applied</source>
      <translation>离线扫描：已处理 {0} 条</translation>
    </message>
    <message>
      <source>REFUSED {0}</source>
      <translation>被拒绝 {0}</translation>
    </message>
    <message>
      <source>already on the server: {0}</source>
      <translation>服务器上已有：{0}</translation>
    </message>
    <message>
      <source>{0} labels for {1} shipments printed to {2}</source>
      <translation>{1} 个发货单的 {0} 张标签已打印到 {2}</translation>
    </message>
    <message>
      <source>Parcel {0}: box {1}</source>
      <translation>包裹 {0}：箱型 {1}</translation>
    </message>
    <message>
      <source>{0} is not a parcel weight in kg</source>
      <translation>{0} 不是以公斤计的包裹重量</translation>
    </message>
    <message>
      <source>Stopped, {0} still waiting: {1}</source>
      <translation>已停止，仍有 {0} 条等待：{1}</translation>
    </message>
    <message>
      <source>{0} packing slips</source>
      <translation>{0} 张装箱单</translation>
    </message>
    <message>
      <source>{0} packing slips printed to {1}</source>
      <translation>{0} 张装箱单已打印到 {1}</translation>
    </message>
    <message>
      <source>There is no box size {0}; boxes: {1}</source>
      <translation>没有箱型 {0}；可用箱型：{1}</translation>
    </message>
    <message>
      <source>Printing failed: {0}</source>
      <translation>打印失败：{0}</translation>
    </message>
    <message>
      <source>Packing slip {0} printed to {1}</source>
      <translation>装箱单 {0} 已打印到 {1}</translation>
    </message>
    <message>
      <source>Parcel {0}: tracking number {1} ({2})</source>
      <translation>第 {0} 个包裹：运单号 {1}（{2}）</translation>
    </message>
    <message>
      <source>carrier</source>
      <translation>承运商</translation>
    </message>
    <message>
      <source>Scan the items: the cheapest service that takes the parcel is proposed here.</source>
      <translation>请扫描商品：这里会推荐能承运该包裹的最便宜的服务。</translation>
    </message>
  </context>
  <context>
    <name>Startup</name>
    <message>
      <location filename="../../app/ui/app.py" line="58" />
      <source>OrderDesk cannot open its database</source>
      <translation>OrderDesk 无法打开数据库</translation>
    </message>
    <message>
      <location filename="../../app/ui/app.py" line="59" />
      <source>The database could not be opened:
%1

%2</source>
      <translation>无法打开数据库：
%1

%2</translation>
    </message>
    <message>
      <location filename="../../app/ui/app.py" line="64" />
      <source>Open settings…</source>
      <translation>打开设置…</translation>
    </message>
    <message>
      <location filename="../../app/ui/app.py" line="117" />
      <source>Set-up not finished</source>
      <translation>设置未完成</translation>
    </message>
    <message>
      <location filename="../../app/ui/app.py" line="118" />
      <source>OrderDesk could not be set up:
%1</source>
      <translation>无法完成 OrderDesk 设置：
%1</translation>
    </message>
  </context>
  <context>
    <name>StepsModel</name>
    <message>
      <location filename="../../app/ui/widgets/price_explanation.py" line="40" />
      <source>Step</source>
      <translation>步骤</translation>
    </message>
    <message>
      <location filename="../../app/ui/widgets/price_explanation.py" line="40" />
      <source>Change</source>
      <translation>变动</translation>
    </message>
    <message>
      <location filename="../../app/ui/widgets/price_explanation.py" line="40" />
      <source>Line amount</source>
      <translation>行金额</translation>
    </message>
  </context>
  <context>
    <name>StockView</name>
    <message>
      <location filename="../../app/ui/views/stock.py" line="46" />
      <source>Search SKU, name or barcode</source>
      <translation>搜索 SKU、名称或条码</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/stock.py" line="48" />
      <source>&amp;Receive…</source>
      <translation>入库(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/stock.py" line="51" />
      <source>A&amp;djust…</source>
      <translation>调整(&amp;D)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/stock.py" line="66" />
      <source>&amp;Find:</source>
      <translation>查找(&amp;F)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/stock.py" line="100" />
      <source>Products: %1</source>
      <translation>商品：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/stock.py" line="190" />
      <source>No product has the code %1.</source>
      <translation>没有商品使用条码 %1。</translation>
    </message>
  </context>
  <context>
    <name>SwitchUserDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/lock.py" line="40" />
      <source>OrderDesk is locked</source>
      <translation>OrderDesk 已锁定</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/lock.py" line="41" />
      <source>Locked after a while without use. %1, enter your PIN to go on, or another user may log in here.</source>
      <translation>一段时间无操作，已自动锁定。%1，请输入 PIN 继续，或由其他用户在此登录。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/lock.py" line="44" />
      <source>Switch user</source>
      <translation>切换用户</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/lock.py" line="45" />
      <source>Hand this desk to another user: their name and PIN.</source>
      <translation>把此工作台交给其他用户：输入其用户名和 PIN。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/lock.py" line="59" />
      <source>&amp;User:</source>
      <translation>用户(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/lock.py" line="60" />
      <source>&amp;PIN or password:</source>
      <translation>PIN 或密码(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/lock.py" line="65" />
      <source>Unlock</source>
      <translation>解锁</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/lock.py" line="65" />
      <source>Switch</source>
      <translation>切换</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/lock.py" line="80" />
      <source>Enter a user name.</source>
      <translation>请输入用户名。</translation>
    </message>
  </context>
  <context>
    <name>WarehousePage</name>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="194" />
      <source>Default warehouse</source>
      <translation>默认仓库</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="195" />
      <source>Where stock is kept and orders are shipped from. More warehouses can be added later.</source>
      <translation>存放库存并发出订单的地方。以后可以添加更多仓库。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="199" />
      <source>Main warehouse</source>
      <translation>主仓库</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="201" />
      <source>&amp;Code:</source>
      <translation>编号(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/first_run.py" line="202" />
      <source>&amp;Name:</source>
      <translation>姓名(&amp;N)：</translation>
    </message>
  </context>
  <context>
    <name>ReturnsView</name>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Scan an RMA to receive it, or an order / parcel label to start a return.</source>
      <translation>扫描退货授权号（RMA）以收货，或扫描订单 / 包裹标签以发起退货。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Open return</source>
      <translation>发起退货</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Reason:</source>
      <translation>原因：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Selected line:</source>
      <translation>所选行：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Restock</source>
      <translation>重新入库</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Scrap</source>
      <translation>报废</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Repair</source>
      <translation>维修</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Return to vendor</source>
      <translation>退回供应商</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Return:</source>
      <translation>退货：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Approve</source>
      <translation>批准</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Reject…</source>
      <translation>拒绝…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Cancel return…</source>
      <translation>取消退货…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Refund…</source>
      <translation>退款…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Store credit</source>
      <translation>店铺余额</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Exchange…</source>
      <translation>换货…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Return policy…</source>
      <translation>退货政策…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Return on the bench</source>
      <translation>工作台上的退货</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Can be returned</source>
      <translation>可退货</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Open returns (oldest first)</source>
      <translation>未完成的退货（最早的在前）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>No return on the bench.</source>
      <translation>工作台上没有退货。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0} · {1} · {2} · return shipping paid by {3}</source>
      <translation>{0} · {1} · {2} · 退货运费由 {3} 承担</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Outside the policy: {0}</source>
      <translation>超出退货政策：{0}</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Resolved by {0}: {1}</source>
      <translation>处理方式 {0}：{1}</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>({0} paid out, ref {1})</source>
      <translation>（已退回 {0}，参考号 {1}）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0} received.</source>
      <translation>{0} 已收货。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Error: {0}</source>
      <translation>错误：{0}</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>There is no return {0}.</source>
      <translation>没有退货 {0}。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0}: scan each item ({1} expected).</source>
      <translation>{0}：请逐件扫描（应收 {1} 件）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0}: inspect each line.</source>
      <translation>{0}：请逐行检验。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0} is {1}.</source>
      <translation>{0} 状态为 {1}。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0}: {1} lines can be returned. Enter quantities and a reason.</source>
      <translation>{0}：有 {1} 行可退货。请输入数量和原因。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Enter how many of which line come back.</source>
      <translation>请输入哪一行退回多少件。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0} opened ({1}).</source>
      <translation>{0} 已创建（{1}）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Select the line to inspect.</source>
      <translation>请选择要检验的行。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0}: {1}.</source>
      <translation>{0}：{1}。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Scan an RMA or pick an open return first.</source>
      <translation>请先扫描退货授权号或选择一个未完成的退货。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0} is outside the return policy: {1}. A manager must approve it.</source>
      <translation>{0} 超出退货政策：{1}。需要经理批准。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0} not approved: no manager approval.</source>
      <translation>{0} 未批准：没有经理批准。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Approve outside the policy</source>
      <translation>超出政策批准</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Why may {0} come back? ({1})</source>
      <translation>为什么允许 {0} 退货？（{1}）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0} not approved: a reason is required outside the policy.</source>
      <translation>{0} 未批准：超出政策时必须填写原因。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0} approved.</source>
      <translation>{0} 已批准。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Why? (kept with the return)</source>
      <translation>原因？（随退货保存）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Say why — {0} is not {1}.</source>
      <translation>请说明原因 —— {0} 未{1}。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0} is now {1}.</source>
      <translation>{0} 现在的状态为 {1}。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Reject return</source>
      <translation>拒绝退货</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>rejected</source>
      <translation>拒绝</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Cancel return</source>
      <translation>取消退货</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>cancelled</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0} {1}.</source>
      <translation>{0} {1}。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Refund</source>
      <translation>退款</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Card / marketplace refund reference (empty: the money stays as the customer's credit if the invoice is paid):</source>
      <translation>银行卡 / 平台退款参考号（留空：若发票已付款，金额作为客户余额保留）：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Exchange</source>
      <translation>换货</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Replacement items (code x quantity, separated by commas):</source>
      <translation>换货商品（编码 x 数量，用逗号分隔）：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>'{0}': write the code, then x and a whole number.</source>
      <translation>“{0}”：请写编码，然后写 x 和整数。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>'{0}': the quantity must be above 0.</source>
      <translation>“{0}”：数量必须大于 0。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Name at least one replacement item.</source>
      <translation>请至少填写一个换货商品。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>RMA</source>
      <translation>退货单号</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Units</source>
      <translation>件数</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Age (days)</source>
      <translation>天数</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Item</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Expected</source>
      <translation>应收</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Received</source>
      <translation>已收</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Disposition</source>
      <translation>处置</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Shipped</source>
      <translation>已发货</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Returned</source>
      <translation>已退货</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Return</source>
      <translation>退货</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>quality defect</source>
      <translation>质量缺陷</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>damaged in transit</source>
      <translation>运输途中损坏</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>wrong item</source>
      <translation>发错商品</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>wrong size</source>
      <translation>尺码不对</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>changed mind</source>
      <translation>改变主意</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0} resolved by {1}: {2}.</source>
      <translation>{0} 已按{1}处理：{2}。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>{0} paid back to the card/marketplace (ref {1}).</source>
      <translation>{0} 已退回银行卡 / 平台（参考号 {1}）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>The customer pays {0} more.</source>
      <translation>客户需补付 {0}。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/returns.py" />
      <source>Would credit {0} (goods {1}, restocking fee {2}, shipping {3}).</source>
      <translation>将退还 {0}（商品 {1}，重新上架费 {2}，运费 {3}）。</translation>
    </message>
  </context>
  <context>
    <name>ReturnPolicyDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/return_policy.py" />
      <source>Return policy</source>
      <translation>退货政策</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/return_policy.py" />
      <source>Customer pays return shipping for wrong size, changed mind and other</source>
      <translation>尺码不对、改变主意和其他原因时由客户承担退货运费</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/return_policy.py" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/return_policy.py" />
      <source>Window (days)</source>
      <translation>退货期限（天）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/return_policy.py" />
      <source>Restocking fee (%)</source>
      <translation>重新上架费（%）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/return_policy.py" />
      <source>Quality defect, damaged in transit and wrong item: the business always pays the way back.</source>
      <translation>质量缺陷、运输途中损坏和发错商品：退货运费始终由商家承担。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/return_policy.py" />
      <source>quality defect</source>
      <translation>质量缺陷</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/return_policy.py" />
      <source>damaged in transit</source>
      <translation>运输途中损坏</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/return_policy.py" />
      <source>wrong item</source>
      <translation>发错商品</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/return_policy.py" />
      <source>wrong size</source>
      <translation>尺码不对</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/return_policy.py" />
      <source>changed mind</source>
      <translation>改变主意</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/return_policy.py" />
      <source>other</source>
      <translation>其他</translation>
    </message>
  </context>
  <context>
    <name>ChannelsView</name>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Channels</source>
      <translation>渠道</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Member tiers</source>
      <translation>会员等级</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>New channel, e.g. tmall</source>
      <translation>新渠道，例如 tmall</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Add</source>
      <translation>添加</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>At shipment</source>
      <translation>发货时</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>At confirmation</source>
      <translation>确认时</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Paid through the channel (marketplace collects)</source>
      <translation>通过渠道付款（由平台代收）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>never</source>
      <translation>永不</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source> min</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>An unpaid order's reservation is released after this time; 0 = never.</source>
      <translation>未付款订单的预留在此时间后释放；0 = 永不。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Refuse, a clerk decides</source>
      <translation>拒绝，由店员决定</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Ship what is there, backorder the rest</source>
      <translation>先发有货部分，其余缺货待补</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Wait for all of it</source>
      <translation>等待全部到货</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Cancel the short line</source>
      <translation>取消缺货行</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Save channel</source>
      <translation>保存渠道</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Invoice</source>
      <translation>开票</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Unpaid reservation expires after</source>
      <translation>未付款预留到期时间</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Imported order, short line</source>
      <translation>导入订单缺货行</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Fee (% of revenue)</source>
      <translation>费用（收入百分比）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Fee per order (fixed)</source>
      <translation>每单固定费用</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Channel price list</source>
      <translation>渠道价目表</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>List price</source>
      <translation>标价</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Channel price</source>
      <translation>渠道价</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>SKU or barcode</source>
      <translation>SKU 或条码</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Price</source>
      <translation>价格</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Set price</source>
      <translation>设定价格</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Remove selected</source>
      <translation>删除所选</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Import CSV…</source>
      <translation>导入 CSV…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Rows of sku,price; all rows or none.</source>
      <translation>每行 sku,价格；全部导入或全部不导入。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Channel %1 added.</source>
      <translation>已添加渠道 %1。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>The fee percent is not a number.</source>
      <translation>费用百分比不是数字。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>The fixed fee is not an amount.</source>
      <translation>固定费用不是金额。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Choose a channel first.</source>
      <translation>请先选择渠道。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Channel %1 saved.</source>
      <translation>渠道 %1 已保存。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>No product with the code %1.</source>
      <translation>没有编码为 %1 的商品。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>%1 is not a price.</source>
      <translation>%1 不是价格。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>%1 costs %2 on %3.</source>
      <translation>%1 在 %3 的价格为 %2。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Select the prices to remove.</source>
      <translation>请选择要删除的价格。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>%1 price(s) removed; those products sell at the list price.</source>
      <translation>已删除 %1 个价格；这些商品按标价销售。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Import channel prices</source>
      <translation>导入渠道价格</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>CSV files (*.csv);;All files (*)</source>
      <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>%1 is not a UTF-8 text file.</source>
      <translation>%1 不是 UTF-8 文本文件。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>%1 price(s) saved, %2 unchanged.</source>
      <translation>已保存 %1 个价格，%2 个未变。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Code</source>
      <translation>代码</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Discount %</source>
      <translation>折扣 %</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Customers</source>
      <translation>客户数</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>e.g. platinum</source>
      <translation>例如 platinum</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Save tier</source>
      <translation>保存等级</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>The discount is a number of percent, e.g. 5.</source>
      <translation>折扣是百分比数字，例如 5。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/channels.py" line="1" />
      <source>Tier %1 saved: %2 % off.</source>
      <translation>等级 %1 已保存：优惠 %2 %。</translation>
    </message>
  </context>
  <context>
    <name>DunningLevelsDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Dunning levels</source>
      <translation>催款级别</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Level</source>
      <translation>级别</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Days overdue</source>
      <translation>逾期天数</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Fee</source>
      <translation>费用</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Action</source>
      <translation>措施</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Subject</source>
      <translation>主题</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source> days</source>
      <translation> 天</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>None</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Put the customer on credit hold</source>
      <translation>暂停该客户赊销</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Fields: {customer} {amount} {days} {fee} {invoices} {company}. An empty Chinese letter uses the English one.</source>
      <translation>可用字段：{customer} {amount} {days} {fee} {invoices} {company}。中文信函留空时使用英文信函。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Due at</source>
      <translation>逾期达到</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Subject (English)</source>
      <translation>主题（英文）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Letter (English)</source>
      <translation>信函（英文）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Subject (Chinese)</source>
      <translation>主题（中文）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Letter (Chinese)</source>
      <translation>信函（中文）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Save level</source>
      <translation>保存级别</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Remove level</source>
      <translation>删除级别</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>credit hold</source>
      <translation>暂停赊销</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>The fee is not an amount.</source>
      <translation>费用不是金额。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Level %1 saved.</source>
      <translation>级别 %1 已保存。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/dunning_levels.py" line="1" />
      <source>Level %1 removed.</source>
      <translation>级别 %1 已删除。</translation>
    </message>
  </context>
  <context>
    <name>ChartWidget</name>
    <message>
      <location filename="../../app/ui/widgets/chart.py" line="1" />
      <source>No data</source>
      <translation>无数据</translation>
    </message>
    <message>
      <location filename="../../app/ui/widgets/chart.py" line="1" />
      <source>(first %1 of %2)</source>
      <translation>（共 %2 项，显示前 %1 项）</translation>
    </message>
  </context>
  <context>
    <name>FailedNoticesPanel</name>
    <message>
      <source>Messages not sent</source>
      <translation>未发送的消息</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>重试</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <source>{0} message(s) queued again</source>
      <translation>{0} 条消息已重新排队</translation>
    </message>
  </context>
  <context>
    <name>ParcelPanel</name>
    <message>
      <source>Parcel</source>
      <translation>包裹</translation>
    </message>
    <message>
      <source>Box</source>
      <translation>箱型</translation>
    </message>
    <message>
      <source>Weight kg</source>
      <translation>重量（公斤）</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>尺寸</translation>
    </message>
    <message>
      <source>kg — type or scan, then Enter</source>
      <translation>公斤——输入或扫描，然后按回车</translation>
    </message>
    <message>
      <source>Size:</source>
      <translation>尺寸：</translation>
    </message>
    <message>
      <source>(no box: size unknown)</source>
      <translation>（无箱型：尺寸未知）</translation>
    </message>
    <message>
      <source>&amp;Box (F5):</source>
      <translation>箱型(&amp;B)（F5）：</translation>
    </message>
    <message>
      <source>&amp;Weight (F6):</source>
      <translation>重量(&amp;W)（F6）：</translation>
    </message>
    <message>
      <source>auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <source>Parcel {0}</source>
      <translation>包裹 {0}</translation>
    </message>
    <message>
      <source>{0} is not a parcel weight in kg (e.g. 2.45)</source>
      <translation>{0} 不是以公斤计的包裹重量（例如 2.45）</translation>
    </message>
    <message>
      <source>Tracking</source>
      <translation>运单号</translation>
    </message>
  </context>
  <context>
    <name>CarrierPanel</name>
    <message>
      <source>Carrier</source>
      <translation>承运商</translation>
    </message>
    <message>
      <source>Proposed (cheapest that fits)</source>
      <translation>建议（最便宜的可用服务）</translation>
    </message>
    <message>
      <source>No proposal</source>
      <translation>无建议</translation>
    </message>
    <message>
      <source>Proposed: none accepts it</source>
      <translation>建议：没有服务可承运</translation>
    </message>
    <message>
      <source>&amp;Service (F7):</source>
      <translation>服务(&amp;S)（F7）：</translation>
    </message>
    <message>
      <source>Proposed: {0}</source>
      <translation>建议：{0}</translation>
    </message>
    <message>
      <source>No service accepts {0} kg</source>
      <translation>没有服务承运 {0} 公斤</translation>
    </message>
    <message>
      <source>{0} kg</source>
      <translation>{0} 公斤</translation>
    </message>
    <message>
      <source>{0}: {1} — cheapest of {2} that accept {3} to {4}</source>
      <translation>{0}：{1}——在 {2} 个可承运 {3} 到 {4} 的服务中最便宜</translation>
    </message>
    <message>
      <source>Override: {0} ({1}) — proposed was {2}</source>
      <translation>人工选择：{0}（{1}）——建议为 {2}</translation>
    </message>
    <message>
      <source>{0} — cannot: {1}</source>
      <translation>{0}——不可用：{1}</translation>
    </message>
    <message>
      <source>{0} — {1}, {2} d</source>
      <translation>{0}——{1}，{2} 天</translation>
    </message>
    <message>
      <source>{0} kg ({1} kg chargeable)</source>
      <translation>{0} 公斤（计费 {1} 公斤）</translation>
    </message>
    <message>
      <source>Freight: {0}</source>
      <translation>货运：{0}</translation>
    </message>
  </context>
  <context>
    <name>ShipmentsToPrintModel</name>
    <message>
      <source>Shipment</source>
      <translation>发货单</translation>
    </message>
    <message>
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <source>Recipient</source>
      <translation>收件人</translation>
    </message>
    <message>
      <source>Carrier</source>
      <translation>承运商</translation>
    </message>
    <message>
      <source>Parcels</source>
      <translation>包裹数</translation>
    </message>
    <message>
      <source>Packed</source>
      <translation>打包时间</translation>
    </message>
    <message>
      <source>Label</source>
      <translation>标签</translation>
    </message>
    <message>
      <source>printed</source>
      <translation>已打印</translation>
    </message>
    <message>
      <source>not printed</source>
      <translation>未打印</translation>
    </message>
  </context>
  <context>
    <name>ShopImportDialog</name>
    <message>
      <source>Import shop data</source>
      <translation>导入店铺数据</translation>
    </message>
    <message>
      <source>A .csv or .xlsx file with a header row</source>
      <translation>带表头行的 .csv 或 .xlsx 文件</translation>
    </message>
    <message>
      <source>Choose file…</source>
      <translation>选择文件…</translation>
    </message>
    <message>
      <source>Products (barcodes, opening stock)</source>
      <translation>商品（条码、期初库存）</translation>
    </message>
    <message>
      <source>Customers (opening balances)</source>
      <translation>客户（期初余额）</translation>
    </message>
    <message>
      <source>Detect</source>
      <translation>自动识别</translation>
    </message>
    <message>
      <source>Column mapping…</source>
      <translation>列映射…</translation>
    </message>
    <message>
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Encoding</source>
      <translation>编码</translation>
    </message>
    <message>
      <source>Currency of balances</source>
      <translation>余额币种</translation>
    </message>
    <message>
      <source>Rows that cannot be imported are listed here.</source>
      <translation>无法导入的行会列在这里。</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>检查</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <source>Preview (first rows, as mapped)</source>
      <translation>预览（前几行，按映射）</translation>
    </message>
    <message>
      <source>Shop data file</source>
      <translation>店铺数据文件</translation>
    </message>
    <message>
      <source>Tables (*.csv *.txt *.tsv *.xlsx *.xlsm);;All files (*)</source>
      <translation>表格 (*.csv *.txt *.tsv *.xlsx *.xlsm);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Map a column to %1 (Column mapping…).</source>
      <translation>请为 %1 指定一列（列映射…）。</translation>
    </message>
    <message>
      <source>Line</source>
      <translation>行</translation>
    </message>
    <message>
      <source>Problem</source>
      <translation>问题</translation>
    </message>
    <message>
      <source>line %1: %2</source>
      <translation>第 %1 行：%2</translation>
    </message>
    <message>
      <source>products</source>
      <translation>个商品</translation>
    </message>
    <message>
      <source>customers</source>
      <translation>个客户</translation>
    </message>
    <message>
      <source>%1 %2, %3 rows not imported</source>
      <translation>%1 %2，%3 行未导入</translation>
    </message>
    <message>
      <source>Check: would import %1.</source>
      <translation>检查：将导入 %1。</translation>
    </message>
    <message>
      <source> Opening stock: %1 units.</source>
      <translation> 期初库存：%1 件。</translation>
    </message>
    <message>
      <source> Opening balances: %1.</source>
      <translation> 期初余额：%1。</translation>
    </message>
    <message>
      <source>Imported %1.</source>
      <translation>已导入 %1。</translation>
    </message>
  </context>
  <context>
    <name>ColumnMappingDialog</name>
    <message>
      <source>Column mapping</source>
      <translation>列映射</translation>
    </message>
    <message>
      <source>(not in the file)</source>
      <translation>（文件中没有）</translation>
    </message>
    <message>
      <source>e.g. Asia/Shanghai (times without a zone)</source>
      <translation>例如 Asia/Shanghai（用于没有时区的时间）</translation>
    </message>
    <message>
      <source>The price column is for the whole quantity</source>
      <translation>价格列是整行数量的总价</translation>
    </message>
    <message>
      <source>Time zone</source>
      <translation>时区</translation>
    </message>
    <message>
      <source>Default country</source>
      <translation>默认国家</translation>
    </message>
    <message>
      <source>Default currency</source>
      <translation>默认币种</translation>
    </message>
  </context>
  <context>
    <name>ComponentNeedsTableModel</name>
    <message>
      <source>Short for work orders</source>
      <translation>工单缺料</translation>
    </message>
    <message>
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
  </context>
  <context>
    <name>ImportView</name>
    <message>
      <source>Changed at source</source>
      <translation>来源已更改</translation>
    </message>
    <message>
      <source>Unreadable rows</source>
      <translation>无法读取的行</translation>
    </message>
    <message>
      <source>Inbox folders</source>
      <translation>收件文件夹</translation>
    </message>
    <message>
      <source>Choose a file or drop it here</source>
      <translation>选择文件或拖放到这里</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <source>(detected)</source>
      <translation>（自动识别）</translation>
    </message>
    <message>
      <source>UTC; e.g. Asia/Shanghai</source>
      <translation>UTC；例如 Asia/Shanghai</translation>
    </message>
    <message>
      <source>Column mapping…</source>
      <translation>列映射…</translation>
    </message>
    <message>
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <source>Format</source>
      <translation>格式</translation>
    </message>
    <message>
      <source>Encoding</source>
      <translation>编码</translation>
    </message>
    <message>
      <source>Time zone</source>
      <translation>时区</translation>
    </message>
    <message>
      <source>Preview</source>
      <translation>预览</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Problems</source>
      <translation>问题</translation>
    </message>
    <message>
      <source>Choose an export</source>
      <translation>选择导出文件</translation>
    </message>
    <message>
      <source>Exports (*.csv *.txt *.tsv *.xlsx);;All files (*)</source>
      <translation>导出文件 (*.csv *.txt *.tsv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
      <source>detected: %1</source>
      <translation>识别为：%1</translation>
    </message>
    <message>
      <source>Choose a file to import first.</source>
      <translation>请先选择要导入的文件。</translation>
    </message>
    <message>
      <source>Preview: %1 rows, %2 orders, %3 need attention, %4 unreadable, %5 already imported, %6 changed at the source.</source>
      <translation>预览：%1 行，%2 个订单，%3 个待处理，%4 行无法读取，%5 个已导入，%6 个来源已更改。</translation>
    </message>
    <message>
      <source>Cancelling after the current chunk…</source>
      <translation>当前批次完成后取消…</translation>
    </message>
    <message>
      <source>%1 rows</source>
      <translation>%1 行</translation>
    </message>
    <message>
      <source>%1 rows read…</source>
      <translation>已读取 %1 行…</translation>
    </message>
    <message>
      <source>%1 imported, %2 unchanged, %3 changed, %4 need attention, %5 unreadable.</source>
      <translation>已导入 %1，未变 %2，已更改 %3，待处理 %4，无法读取 %5。</translation>
    </message>
    <message>
      <source>Cancelled: import the file again to finish.</source>
      <translation>已取消：再次导入该文件即可完成。</translation>
    </message>
    <message>
      <source>unreadable</source>
      <translation>无法读取</translation>
    </message>
    <message>
      <source>Source no.</source>
      <translation>来源单号</translation>
    </message>
    <message>
      <source>our SKU or barcode</source>
      <translation>本店 SKU 或条码</translation>
    </message>
    <message>
      <source>Map the line's SKU</source>
      <translation>映射该行的 SKU</translation>
    </message>
    <message>
      <source>Save corrections</source>
      <translation>保存更正</translation>
    </message>
    <message>
      <source>Release</source>
      <translation>放行</translation>
    </message>
    <message>
      <source>Saved; %1 problem(s) left.</source>
      <translation>已保存；还有 %1 个问题。</translation>
    </message>
    <message>
      <source>Choose the line whose SKU to map.</source>
      <translation>请选择要映射 SKU 的行。</translation>
    </message>
    <message>
      <source>No product has the SKU or barcode %1.</source>
      <translation>没有商品的 SKU 或条码是 %1。</translation>
    </message>
    <message>
      <source>%1 on %2 is now %3 (%4 waiting line(s) matched).</source>
      <translation>%2 的 %1 现对应 %3（已匹配 %4 个待处理行）。</translation>
    </message>
    <message>
      <source>Order %1 released.</source>
      <translation>订单 %1 已放行。</translation>
    </message>
    <message>
      <source>What changed</source>
      <translation>更改内容</translation>
    </message>
    <message>
      <source>Seen</source>
      <translation>发现时间</translation>
    </message>
    <message>
      <source>Accept</source>
      <translation>接受</translation>
    </message>
    <message>
      <source>Reject</source>
      <translation>拒绝</translation>
    </message>
    <message>
      <source>Accepted.</source>
      <translation>已接受。</translation>
    </message>
    <message>
      <source>Rejected.</source>
      <translation>已拒绝。</translation>
    </message>
    <message>
      <source>Raw text</source>
      <translation>原始文本</translation>
    </message>
    <message>
      <source>Retry with this text</source>
      <translation>用此文本重试</translation>
    </message>
    <message>
      <source>Dismiss</source>
      <translation>忽略</translation>
    </message>
    <message>
      <source>Dismissed.</source>
      <translation>已忽略。</translation>
    </message>
    <message>
      <source>Folder</source>
      <translation>文件夹</translation>
    </message>
    <message>
      <source>channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <source>folder to watch</source>
      <translation>要监视的文件夹</translation>
    </message>
    <message>
      <source>Watch</source>
      <translation>监视</translation>
    </message>
    <message>
      <source>Stop watching</source>
      <translation>停止监视</translation>
    </message>
    <message>
      <source>Files dropped into a watched folder are imported and moved to done/ or failed/.</source>
      <translation>放入监视文件夹的文件会被导入，并移到 done/ 或 failed/。</translation>
    </message>
    <message>
      <source>Inbox folder</source>
      <translation>收件文件夹</translation>
    </message>
    <message>
      <source>Give a channel and a folder.</source>
      <translation>请填写渠道和文件夹。</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <source>Needs attention</source>
      <translation>待处理</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <source>Line</source>
      <translation>行</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Qty</source>
      <translation>数量</translation>
    </message>
    <message>
      <source>Price</source>
      <translation>价格</translation>
    </message>
    <message>
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>imported</source>
      <translation>已导入</translation>
    </message>
    <message>
      <source>unchanged</source>
      <translation>未更改</translation>
    </message>
    <message>
      <source>changed at source</source>
      <translation>来源已更改</translation>
    </message>
    <message>
      <source>needs attention</source>
      <translation>待处理</translation>
    </message>
  </context>
  <context>
    <name>OrderTimelineDialog</name>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Workstation / source</source>
      <translation>工作站 / 来源</translation>
    </message>
    <message>
      <source>Why / detail</source>
      <translation>原因 / 详情</translation>
    </message>
    <message>
      <source>Record tracking &amp;event…</source>
      <translation>记录物流事件(&amp;E)…</translation>
    </message>
    <message>
      <source>&amp;Import carrier status file…</source>
      <translation>导入承运商状态文件(&amp;I)…</translation>
    </message>
    <message>
      <source>Move to:</source>
      <translation>改为：</translation>
    </message>
    <message>
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <source>Timeline — %1</source>
      <translation>时间线 — %1</translation>
    </message>
    <message>
      <source>&lt;b&gt;%1&lt;/b&gt; is %2</source>
      <translation>&lt;b&gt;%1&lt;/b&gt; 当前为 %2</translation>
    </message>
    <message>
      <source>status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>tracking</source>
      <translation>物流</translation>
    </message>
    <message>
      <source>return</source>
      <translation>退货</translation>
    </message>
    <message>
      <source>(no status moves from here)</source>
      <translation>（当前状态不能再变更）</translation>
    </message>
    <message>
      <source>Change status</source>
      <translation>更改状态</translation>
    </message>
    <message>
      <source>Why does the order become %1?</source>
      <translation>订单为什么改为 %1？</translation>
    </message>
    <message>
      <source>Tracking event</source>
      <translation>物流事件</translation>
    </message>
    <message>
      <source>Kind:</source>
      <translation>类型：</translation>
    </message>
    <message>
      <source>Note:</source>
      <translation>备注：</translation>
    </message>
    <message>
      <source>Carrier status file</source>
      <translation>承运商状态文件</translation>
    </message>
    <message>
      <source>Status exports (*.csv *.txt *.xlsx)</source>
      <translation>状态导出文件 (*.csv *.txt *.xlsx)</translation>
    </message>
    <message>
      <source>Column layout:</source>
      <translation>列格式：</translation>
    </message>
    <message>
      <source>%1 events added, %2 already recorded.</source>
      <translation>新增 %1 个事件，%2 个已记录过。</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>What</source>
      <translation>事项</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>经手人</translation>
    </message>
  </context>
  <context>
    <name>ReplenishmentTableModel</name>
    <message>
      <source>Warehouse</source>
      <translation>仓库</translation>
    </message>
    <message>
      <source>Reorder point</source>
      <translation>再订货点</translation>
    </message>
    <message>
      <source>To buy</source>
      <translation>需采购</translation>
    </message>
    <message>
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>On hand</source>
      <translation>在库</translation>
    </message>
    <message>
      <source>Reserved</source>
      <translation>已预留</translation>
    </message>
    <message>
      <source>Available</source>
      <translation>可用</translation>
    </message>
    <message>
      <source>Backordered</source>
      <translation>欠货</translation>
    </message>
  </context>
  <context>
    <name>ReplenishmentView</name>
    <message>
      <source>To buy: backordered plus the shortfall below the reorder point</source>
      <translation>需采购：缺货待发数量加上低于再订货点的差额</translation>
    </message>
    <message>
      <source>Components short for made-to-order work orders</source>
      <translation>定制工单缺少的部件</translation>
    </message>
    <message>
      <source>%1 products to buy · %2 components short</source>
      <translation>%1 种商品需采购 · %2 种部件不足</translation>
    </message>
    <message>
      <source>Could not load the replenishment list: %1</source>
      <translation>无法载入补货清单：%1</translation>
    </message>
    <message>
      <source>Export replenishment</source>
      <translation>导出补货清单</translation>
    </message>
    <message>
      <source>CSV (*.csv)</source>
      <translation>CSV (*.csv)</translation>
    </message>
    <message>
      <source>Could not save %1: %2</source>
      <translation>无法保存 %1：%2</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <source>Export CSV…</source>
      <translation>导出 CSV…</translation>
    </message>
    <message>
      <source>Saved %1</source>
      <translation>已保存 %1</translation>
    </message>
  </context>
  <context>
    <name>PackLinesModel</name>
    <message>
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>商品</translation>
    </message>
    <message>
      <source>To pack</source>
      <translation>应打包</translation>
    </message>
    <message>
      <source>Scanned</source>
      <translation>已扫描</translation>
    </message>
    <message>
      <source>Backorder</source>
      <translation>欠货</translation>
    </message>
  </context>
  <context>
    <name>CaseTableModel</name>
    <message>
      <source>Case</source>
      <translation>案例</translation>
    </message>
    <message>
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Age</source>
      <translation>天数</translation>
    </message>
    <message>
      <source>Order status</source>
      <translation>订单状态</translation>
    </message>
    <message>
      <source>Detail</source>
      <translation>详情</translation>
    </message>
  </context>
  <context>
    <name>WorkOrderTableModel</name>
    <message>
      <source>Work order</source>
      <translation>工单</translation>
    </message>
    <message>
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>商品</translation>
    </message>
    <message>
      <source>Qty</source>
      <translation>数量</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>交期</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Operations</source>
      <translation>工序</translation>
    </message>
    <message>
      <source>Next</source>
      <translation>下一步</translation>
    </message>
    <message>
      <source>Waiting for / blocked by</source>
      <translation>等待 / 受阻于</translation>
    </message>
  </context>
  <context>
    <name>FailedNoticesModel</name>
    <message>
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <source>Recipient</source>
      <translation>收件人</translation>
    </message>
    <message>
      <source>Attempts</source>
      <translation>尝试次数</translation>
    </message>
    <message>
      <source>Error</source>
      <translation>错误</translation>
    </message>
  </context>
</TS>